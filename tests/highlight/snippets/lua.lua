-- Simple event emitter
local Emitter = {}
Emitter.__index = Emitter

function Emitter.new()
  return setmetatable({ handlers = {} }, Emitter)
end

function Emitter:on(name, fn)
  local list = self.handlers[name] or {}
  table.insert(list, fn)
  self.handlers[name] = list
  return self
end

function Emitter:emit(name, ...)
  local list = self.handlers[name]
  if not list then
    return 0
  end
  for i, fn in ipairs(list) do
    local ok, err = pcall(fn, ...)
    if not ok then
      print(string.format("handler %d failed: %s", i, err))
    end
  end
  return #list
end

--[[ a longer
     block comment ]]
local e = Emitter.new()
e:on("tick", function(n) print("tick " .. n) end)
local count = e:emit("tick", 1)
local t = { x = 1.5, y = 0x10, name = 'point', [[raw
string]] }
while count > 0 and t.x ~= nil do
  count = count - 1
end
