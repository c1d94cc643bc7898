/** Every test tier of the workspace: api unit, api integration on Postgres and on PGlite, browser end-to-end. */
const api = require('./apps/api/jest.config.js');
const e2e = require('./test/jest.config.js');

module.exports = {
  projects: [...api.projects, ...e2e.projects],
  maxWorkers: 2,
};
