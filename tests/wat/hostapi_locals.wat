;; Function 0 declares 10 locals (parameters do not count), function 1 declares 2.
(module
  (func (param i32) (local i32 i32 i32 i32 i32 i64 i64 i64 f32 f64))
  (func (local i64 i64)))
