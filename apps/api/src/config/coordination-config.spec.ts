import { ConfigError, loadConfig, resolveCoordination } from './app-config';

const answers = (ok: boolean) => {
  const ping = jest.fn(async () => ok);
  return ping;
};

describe('where api processes coordinate', () => {
  it('without REDIS_URL: Redis at the default address when it answers, in-process otherwise', async () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ coordination: 'redis', coordinationAuto: true, redisUrl: 'redis://127.0.0.1:6379' });
    expect((await resolveCoordination(config, answers(true))).coordination).toBe('redis');
    expect((await resolveCoordination(config, answers(false))).coordination).toBe('in-process');
  });

  it('with REDIS_URL: Redis, without asking whether it answers (an outage is handled, not fallen back from)', async () => {
    const config = loadConfig({ REDIS_URL: 'redis://10.0.0.5:6380' });
    const ping = answers(false);
    expect(await resolveCoordination(config, ping)).toMatchObject({ coordination: 'redis', redisUrl: 'redis://10.0.0.5:6380' });
    expect(ping).not.toHaveBeenCalled();
    expect((await resolveCoordination(loadConfig({ COORDINATION: 'redis' }), ping)).coordination).toBe('redis');
  });

  it('COORDINATION=in-process: no Redis asked for, and none may be named', async () => {
    const ping = answers(true);
    expect((await resolveCoordination(loadConfig({ COORDINATION: 'in-process' }), ping)).coordination).toBe('in-process');
    expect(ping).not.toHaveBeenCalled();
    expect(() => loadConfig({ COORDINATION: 'in-process', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL is set while COORDINATION=in-process/);
    expect(() => loadConfig({ COORDINATION: 'sometimes' })).toThrow(/COORDINATION="sometimes" must be one of auto, redis, in-process/);
  });

  it('refuses a split of roles without Redis: one in-process api holds every role', async () => {
    expect(() => loadConfig({ COORDINATION: 'in-process', API_ROLES: 'http,realtime' })).toThrow(/API_ROLES names only some roles, which needs Redis/);
    const split = loadConfig({ API_ROLES: 'media' });
    await expect(resolveCoordination(split, answers(false))).rejects.toThrow(ConfigError);
    await expect(resolveCoordination(split, answers(false))).rejects.toThrow(/set REDIS_URL, or run one process with every role/);
    expect((await resolveCoordination(split, answers(true))).coordination).toBe('redis');
  });
});
