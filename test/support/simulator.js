// The simulator, re-exported for the TypeScript tests (simulator.d.ts types it).
module.exports = require('../../simulator');
