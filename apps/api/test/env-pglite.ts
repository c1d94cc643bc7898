process.env.TEST_DB = 'pglite';
// The PGlite tier is the machine without Redis: the api coordinates in-process (see harness.ts).
process.env.COORDINATION = 'in-process';
delete process.env.REDIS_URL;
