const base = require('../jest.config.js');
module.exports = { rootDir: '..', projects: base.projects.filter((p) => p.displayName === 'db').map((p) => ({ ...p, rootDir: '/work/main' })) };
