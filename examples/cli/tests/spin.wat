;; Never ends: only --fuel or --timeout stops it.
(module
  (memory 1)
  (func (export "_start")
    loop $forever
      br $forever
    end))
