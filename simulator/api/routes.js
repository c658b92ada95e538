'use strict';

const { deviceRoutes } = require('./devices');
const { deviceTypeRoutes } = require('./device-types');
const { callbackRoutes } = require('./callbacks');
const { bulkJobRoutes } = require('./bulk-jobs');
const { administrationRoutes } = require('./administration');
const { coverageRoutes } = require('./coverage');

/**
 * Every API v2 operation the simulator serves: method, path exactly as in the spec (trailing slashes
 * included), operationId, the query parameters it reads, its body schema, paging kind and rate limit.
 * The spec-conformance test checks each entry against the official spec.
 */
const routes = [
	...deviceRoutes,
	...deviceTypeRoutes,
	...callbackRoutes,
	...bulkJobRoutes,
	...administrationRoutes,
	...coverageRoutes,
];

module.exports = { routes };
