-- Mixed read load with some POSTs (docs/benchmarks.md, "Memory under load"): each request picks one of the routes
-- below; tiles and pixel regions vary so caches fill the way real viewers fill them.
local counter = 0
request = function()
  counter = counter + 1
  local n = counter % 10
  if n == 0 then return wrk.format("GET", "/healthz") end
  if n <= 3 then return wrk.format("GET", "/omp/api/canvas") end
  if n <= 5 then
    local x = (counter * 37) % 900
    local y = (counter * 53) % 900
    return wrk.format("GET", string.format("/omp/api/pixels?region=%d,%d,%d,%d", x, y, x + 99, y + 99))
  end
  if n <= 8 then
    local z = counter % 9
    local side = 2 ^ z
    local tx = (counter * 7) % math.max(1, math.floor(side * 50000 / 256 / 2 ^ 8))
    local ty = (counter * 11) % math.max(1, math.floor(side * 20000 / 256 / 2 ^ 8))
    return wrk.format("GET", string.format("/bsap/api/canvas/tiles/%d/%d/%d.png", z, tx, ty))
  end
  local body = string.format('{"x":%d,"y":%d,"size":%d}', (counter * 13) % 49000, (counter * 17) % 19000, 10 + counter % 500)
  return wrk.format("POST", "/bsap/api/placements/quote", { ["Content-Type"] = "application/json" }, body)
end
