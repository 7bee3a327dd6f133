# ember_shard(OUT LIST_VAR SHARD SHARDS): sets OUT to the items of the list named LIST_VAR at
# positions SHARD, SHARD + SHARDS, SHARD + 2 * SHARDS, ... (0-based): the SHARD-th of SHARDS
# interleaved shards, which the test registrations use to split a long list into ctests that
# ctest -j runs side by side.
function(ember_shard out list_var shard shards)
  set(items ${${list_var}})
  list(LENGTH items count)
  set(picked)
  foreach(i RANGE ${shard} ${count} ${shards})
    if(i LESS count)
      list(GET items ${i} item)
      list(APPEND picked "${item}")
    endif()
  endforeach()
  set(${out} ${picked} PARENT_SCOPE)
endfunction()
