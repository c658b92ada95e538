import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * A documented Sigfox rate limit that an endpoint counts against (docs/sigfox/api.md#rate-limits); the
 * limits themselves are in transport/pacing.ts.
 */
export type RateClass =
	| 'deviceMessages'
	| 'baseStationMessages'
	| 'deviceList'
	| 'deviceChange'
	| 'deviceBulkJob'
	| 'deviceTransfer'
	| 'predictionBulkJob'
	| 'predictionBulkRead'
	| 'predictions';

/** One Sigfox API v2 route, its path written as in the API contract (`/devices/{id}`). */
export interface Endpoint {
	method: IHttpRequestMethods;
	path: string;
	/** Answers `{data, paging}`, a page of a longer list (docs/sigfox/api.md#paging). */
	paged?: true;
	rate?: RateClass;
}

/**
 * Every route of the Sigfox API v2, once. The action node's operations, job-status links, the triggers,
 * list search and pacing name their endpoints from here; a test holds it to contract/sigfox-api-v2.json.
 */
export const ENDPOINTS = {
	// api-users
	listApiUsers: { method: 'GET', path: '/api-users/', paged: true },
	createApiUser: { method: 'POST', path: '/api-users/' },
	getApiUser: { method: 'GET', path: '/api-users/{id}' },
	updateApiUser: { method: 'PUT', path: '/api-users/{id}' },
	deleteApiUser: { method: 'DELETE', path: '/api-users/{id}' },
	addApiUserProfiles: { method: 'PUT', path: '/api-users/{id}/profiles' },
	deleteApiUserProfile: { method: 'DELETE', path: '/api-users/{id}/profiles/{profileId}' },
	renewApiUserCredential: { method: 'PUT', path: '/api-users/{id}/renew-credential' },
	// base-stations
	listBaseStationMessages: {
		method: 'GET',
		path: '/base-stations/{id}/messages',
		paged: true,
		rate: 'baseStationMessages',
	},
	// contract-infos
	listContractInfos: { method: 'GET', path: '/contract-infos/', paged: true },
	getContractInfo: { method: 'GET', path: '/contract-infos/{id}' },
	restartContractDevices: { method: 'POST', path: '/contract-infos/{id}/bulk/restart' },
	getContractBulkRestartJob: { method: 'GET', path: '/contract-infos/bulk/restart/{jobId}' },
	listContractDevices: { method: 'GET', path: '/contract-infos/{id}/devices', paged: true },
	// coverages
	getCoveragePredictions: {
		method: 'GET',
		path: '/coverages/global/predictions',
		rate: 'predictions',
	},
	createBulkPrediction: {
		method: 'POST',
		path: '/coverages/global/predictions/bulk',
		rate: 'predictionBulkJob',
	},
	getBulkPredictionJob: {
		method: 'GET',
		path: '/coverages/global/predictions/bulk/{jobId}',
		rate: 'predictionBulkRead',
	},
	getOperatorRedundancy: { method: 'GET', path: '/coverages/operators/redundancy' },
	// devices
	listDevices: { method: 'GET', path: '/devices/', paged: true, rate: 'deviceList' },
	createDevice: { method: 'POST', path: '/devices/' },
	getDevice: { method: 'GET', path: '/devices/{id}' },
	updateDevice: { method: 'PUT', path: '/devices/{id}', rate: 'deviceChange' },
	deleteDevice: { method: 'DELETE', path: '/devices/{id}', rate: 'deviceChange' },
	listUndeliveredCallbacksForDevice: {
		method: 'GET',
		path: '/devices/{id}/callbacks-not-delivered',
		paged: true,
	},
	getModemCertificate: { method: 'GET', path: '/devices/{id}/certificate/modem' },
	getProductCertificate: { method: 'GET', path: '/devices/{id}/certificate/product' },
	checkProductCertificateWithPac: { method: 'GET', path: '/devices/{id}/product-certificate' },
	getDeviceConsumptionForYear: { method: 'GET', path: '/devices/{id}/consumption/{year}' },
	getDeviceConsumptionForMonth: { method: 'GET', path: '/devices/{id}/consumption/{year}/{month}' },
	disengageDevice: { method: 'POST', path: '/devices/{id}/disengage' },
	listDeviceMessages: {
		method: 'GET',
		path: '/devices/{id}/messages',
		paged: true,
		rate: 'deviceMessages',
	},
	getDeviceMessageMetrics: { method: 'GET', path: '/devices/{id}/messages/metric' },
	listDeviceLocations: { method: 'GET', path: '/devices/{id}/locations', paged: true },
	unsubscribeDevice: { method: 'PUT', path: '/devices/{id}/unsubscribe' },
	updateBulkDevice: { method: 'PUT', path: '/devices/bulk', rate: 'deviceBulkJob' },
	createBulkDevice: { method: 'POST', path: '/devices/bulk', rate: 'deviceBulkJob' },
	getBulkDeviceJob: { method: 'GET', path: '/devices/bulk/{jobId}' },
	transferBulkDevice: { method: 'POST', path: '/devices/bulk/transfer', rate: 'deviceTransfer' },
	replaceBulkDevice: { method: 'POST', path: '/devices/bulk/replace' },
	restartBulkDevice: { method: 'POST', path: '/devices/bulk/restart' },
	getBulkRestartJob: { method: 'GET', path: '/devices/bulk/restart/{jobId}' },
	suspendBulkDevice: { method: 'POST', path: '/devices/bulk/suspend' },
	getBulkSuspendJob: { method: 'GET', path: '/devices/bulk/suspend/{jobId}' },
	resumeBulkDevice: { method: 'POST', path: '/devices/bulk/resume' },
	getBulkResumeJob: { method: 'GET', path: '/devices/bulk/resume/{jobId}' },
	unsubscribeBulkDevice: { method: 'POST', path: '/devices/bulk/unsubscribe' },
	getBulkUnsubscribeJob: { method: 'GET', path: '/devices/bulk/unsubscribe/{jobId}' },
	// device-types
	listDeviceTypes: { method: 'GET', path: '/device-types/', paged: true },
	createDeviceType: { method: 'POST', path: '/device-types/' },
	getDeviceType: { method: 'GET', path: '/device-types/{id}' },
	updateDeviceType: { method: 'PUT', path: '/device-types/{id}' },
	deleteDeviceType: { method: 'DELETE', path: '/device-types/{id}' },
	getDeviceTypeByProject: { method: 'GET', path: '/device-types/project-id:{id}' },
	deleteDeviceTypeByProject: { method: 'DELETE', path: '/device-types/project-id:{id}' },
	listDeviceTypeMessages: { method: 'GET', path: '/device-types/{id}/messages', paged: true },
	listUndeliveredCallbacksForDeviceType: {
		method: 'GET',
		path: '/device-types/{id}/callbacks-not-delivered',
		paged: true,
	},
	listCallbacks: { method: 'GET', path: '/device-types/{id}/callbacks' },
	createCallback: { method: 'POST', path: '/device-types/{id}/callbacks' },
	updateCallback: { method: 'PUT', path: '/device-types/{id}/callbacks/{callbackId}' },
	deleteCallback: { method: 'DELETE', path: '/device-types/{id}/callbacks/{callbackId}' },
	enableCallback: { method: 'PUT', path: '/device-types/{id}/callbacks/{callbackId}/enable' },
	selectDownlinkCallback: {
		method: 'PUT',
		path: '/device-types/{id}/callbacks/{callbackId}/downlink',
	},
	getLastUndeliveredCallback: {
		method: 'GET',
		path: '/device-types/{id}/callbacks/{callbackId}/callbacks-not-delivered',
	},
	disengageDeviceType: { method: 'PUT', path: '/device-types/{id}/disengage' },
	restartDeviceTypeDevices: { method: 'POST', path: '/device-types/{id}/bulk/restart' },
	getDeviceTypeBulkRestartJob: { method: 'GET', path: '/device-types/bulk/restart/{jobId}' },
	// groups
	listGroups: { method: 'GET', path: '/groups/', paged: true },
	createGroup: { method: 'POST', path: '/groups/' },
	getGroup: { method: 'GET', path: '/groups/{id}' },
	updateGroup: { method: 'PUT', path: '/groups/{id}' },
	deleteGroup: { method: 'DELETE', path: '/groups/{id}' },
	listUndeliveredCallbacksForGroup: {
		method: 'GET',
		path: '/groups/{id}/callbacks-not-delivered',
		paged: true,
	},
	listGeolocationPayloads: { method: 'GET', path: '/groups/{id}/geoloc-payloads', paged: true },
	// operators
	getOperator: { method: 'GET', path: '/operators/{id}' },
	updateOperator: { method: 'PUT', path: '/operators/{id}' },
	// profiles
	listProfiles: { method: 'GET', path: '/profiles/', paged: true },
	getProfile: { method: 'GET', path: '/profiles/{id}' },
	// tiles
	getMonarchTiles: { method: 'GET', path: '/tiles/monarch' },
	createMonarchKmz: { method: 'POST', path: '/tiles/monarch/kmz' },
	getMonarchKmzJob: { method: 'GET', path: '/tiles/monarch/kmz/{jobId}' },
	getMonarchKmzFile: { method: 'GET', path: '/tiles/monarch/kmz/{jobId}/tiles.kmz' },
	getPublicCoverageTiles: { method: 'GET', path: '/tiles/public-coverage' },
	getPublicCoverageKmzFile: { method: 'GET', path: '/tiles/public-coverage/kmz/tiles.kmz' },
	// users
	listUsers: { method: 'GET', path: '/users/', paged: true },
	createUser: { method: 'POST', path: '/users/' },
	getUser: { method: 'GET', path: '/users/{id}' },
	updateUser: { method: 'PUT', path: '/users/{id}' },
	deleteUser: { method: 'DELETE', path: '/users/{id}' },
	addUserRoles: { method: 'PUT', path: '/users/{id}/profiles' },
	deleteUserRole: { method: 'DELETE', path: '/users/{id}/profiles/{profileId}' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** The path of an endpoint with its `{name}` parameters filled in, each encoded as one path segment. */
export function endpointPath(
	endpoint: Endpoint,
	params: Record<string, string | number> = {},
): string {
	return endpoint.path.replace(/\{(\w+)\}/g, (written, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') throw new RangeError(`${endpoint.path} needs ${name}`);
		return encodeURIComponent(String(value));
	});
}
