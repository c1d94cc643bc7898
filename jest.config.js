/** Every test tier of the workspace: api unit, api integration on Postgres and on PGlite, browser end-to-end. */
const api = require('./apps/api/jest.config.js');
const e2e = require('./test/jest.config.js');

module.exports = {
  projects: [...api.projects, ...e2e.projects],
  maxWorkers: 2,
  // Integration tests boot the api and talk to real servers: on a busy 2-core machine 5 s is not enough.
  testTimeout: 30_000,
};
