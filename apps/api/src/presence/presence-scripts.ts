/**
 * Lua scripts over the presence keys of one deployment. Each runs atomically in Redis, so whichever
 * process sees a point's first holder arrive, or its last one go, is the only one to report it.
 *
 * Keys: KEYS[1] `holders:<conference>` (sorted set, member `<point>|<process>`, score = expiry in ms);
 * KEYS[2] `procs` (sorted set, process → expiry in ms). Times are Redis's own clock, shared by every process.
 */

/** Is `point` held by a process other than `skip` (or by any, when skip is '') at `now`? */
const HELD = `
local function held(holders, procs, point, skip, now)
  for _, p in ipairs(procs) do
    if p ~= skip then
      local s = redis.call('ZSCORE', holders, point .. '|' .. p)
      if s and tonumber(s) > now then return true end
    end
  end
  return false
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * KEYS[3] `since` (when this Redis first saw presence), KEYS[4] `conferences` (set). ARGV: conference, process,
 * ttl ms, then points. Holds (or refreshes) this process's entries; returns {now, points that had no live holder before}.
 */
export const HOLD = `${HELD}
local proc = ARGV[2]
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[3], now, 'NX')
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[2], now + ttl, proc)
local procs = redis.call('ZRANGE', KEYS[2], 0, -1)
local out = {now}
for i = 4, #ARGV do
  local point = ARGV[i]
  local mine = redis.call('ZSCORE', KEYS[1], point .. '|' .. proc)
  local was = (mine and tonumber(mine) > now) or held(KEYS[1], procs, point, proc, now)
  redis.call('ZADD', KEYS[1], now + ttl, point .. '|' .. proc)
  if not was then table.insert(out, point) end
end
return out`;

/** ARGV: process, then points. Drops this process's entries; returns {now, points now held by nobody}. */
export const RELEASE = `${HELD}
local proc = ARGV[1]
local procs = redis.call('ZRANGE', KEYS[2], 0, -1)
local out = {now}
for i = 2, #ARGV do
  local point = ARGV[i]
  local removed = redis.call('ZREM', KEYS[1], point .. '|' .. proc)
  if removed == 1 and not held(KEYS[1], procs, point, '', now) then table.insert(out, point) end
end
return out`;

/**
 * Removes expired entries (a process that died, or stopped without releasing); returns {now, point, ...} for
 * the points nobody holds any more (they went offline now, when it is noticed). Forgets processes silent for a
 * minute, and the conference (KEYS[3] `conferences`, ARGV[1]) once nobody holds any of its points.
 */
export const SWEEP = `${HELD}
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[3], ARGV[1])
  return {now}
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
local out = {now}
if #expired == 0 then return out end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local procs = redis.call('ZRANGE', KEYS[2], 0, -1)
local seen = {}
for _, m in ipairs(expired) do
  local point = string.match(m, '^(.*)|')
  if not seen[point] then
    seen[point] = true
    if not held(KEYS[1], procs, point, '', now) then table.insert(out, point) end
  end
end
return out`;

/** Points held by a live entry now: {now, point, point, ...} (duplicates when several processes hold one). */
export const ONLINE = `${HELD}
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
local out = {now}
for _, m in ipairs(members) do table.insert(out, string.match(m, '^(.*)|')) end
return out`;
