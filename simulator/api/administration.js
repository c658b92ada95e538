'use strict';

const { string, integer, boolean, object, arrayOf, discriminated } = require('./schema');
const { badRequest, notFound, invalidField } = require('./errors');
const { resourceRoutes, changeRoute, withName, applyUpdate } = require('./resources');
const { historyRoute } = require('./history');
const { jobRoute, jobStatusRoute, restart } = require('./bulk-jobs');
const { compact, presentDevice, presentMessage, presentUndelivered } = require('../data/model');
const { objectId } = require('../data/state');

/**
 * Groups, users, API users, profiles, operators, base stations and contracts (docs/sigfox/api.md#administration):
 * the administration around the fleet. Profiles, the operator and the contract are fixed; groups,
 * users and API users live in the state.
 */

/** Profiles every group offers, with fixed ids so that tests can name them. */
const PROFILES = [
	{ id: '5a0c8e1a2b3c4d5e6f700101', name: 'Device manager [W]', roles: ['DEVICE_MANAGER_W'] },
	{ id: '5a0c8e1a2b3c4d5e6f700102', name: 'Customer [R]', roles: ['CUSTOMER_R'] },
	{ id: '5a0c8e1a2b3c4d5e6f700103', name: 'Limited admin', roles: ['LIMITED_ADMIN'] },
];
const OPERATOR_ID = '5a0c8e1a2b3c4d5e6f700201';
const OPERATOR = { transmitterPower: 500, minDb: -140, maxDb: -100, alertTime: 3600 };

/** Group create and update bodies are discriminated by `type` (docs/sigfox/api.md#group-types). */
const groupFields = {
	name: string({ maxLength: 100 }),
	description: string({ maxLength: 300 }),
	type: integer(),
	timezone: string(),
};
const GROUP_KINDS = {
	operator: [5, 8],
	country: [0, 7],
	billable: [2, 6, 9, 10, 11],
};
function groupVariants(base, extra, required) {
	const variants = {};
	for (const type of GROUP_KINDS.operator)
		variants[type] = object({ ...base, ...extra.operator }, required);
	for (const type of GROUP_KINDS.country)
		variants[type] = object({ ...base, countryISOAlpha3: string() }, required);
	for (const type of GROUP_KINDS.billable)
		variants[type] = object({ ...base, ...extra.billable }, required);
	return variants;
}
const billableFields = {
	billable: boolean(),
	technicalEmail: string({ maxLength: 250 }),
	maxPrototypeAllowed: integer(),
};
const commonGroupCreate = discriminated(
	'type',
	groupVariants(
		{ ...groupFields, technicalEmail: string(), parentId: string(), accountId: string() },
		{ operator: { networkOperatorId: string() }, billable: billableFields },
		['description', 'name', 'parentId', 'timezone', 'type'],
	),
);
const commonGroupUpdate = discriminated(
	'type',
	groupVariants(groupFields, { operator: {}, billable: billableFields }, []),
);

const apiUserCreation = object(
	{
		groupId: string(),
		name: string({ maxLength: 100 }),
		timezone: string(),
		profileIds: arrayOf(string()),
	},
	['groupId', 'name', 'profileIds', 'timezone'],
);
const apiUserEdition = object({
	name: string({ maxLength: 100 }),
	timezone: string(),
	profileId: arrayOf(string()),
});
const profileIds = object({ profileId: arrayOf(string()) });

const userRole = object({ groupId: string(), profileId: string() }, ['groupId', 'profileId']);
const userFields = {
	firstName: string({ maxLength: 100 }),
	lastName: string({ maxLength: 100 }),
	timezone: string(),
	userRoles: arrayOf(userRole),
	baseStations: string(),
	maintenances: string(),
};
const userCreation = object(
	{ ...userFields, email: string({ maxLength: 250 }), sendWelcomeEmail: boolean() },
	['userRoles', 'email', 'firstName', 'lastName'],
);
const userUpdate = object(userFields);
const userRoles = object({
	userRoles: arrayOf(userRole),
	baseStations: string(),
	maintenances: string(),
});

const operatorUpdate = object({
	transmitterPower: integer({ minimum: 0 }),
	minDb: integer(),
	maxDb: integer(),
	alertTime: integer({ minimum: 300 }),
	requestTrackerBaseUrl: string(),
	telecommunicationStandard: object({ id: string(), name: string() }),
	antenna: object({ model: string() }),
});

const minGroup = (group) => ({
	id: group.id,
	name: group.name,
	type: group.type,
	level: group.level,
});

function allGroups(state) {
	return [state.group, ...state.groups.values()];
}

function findGroup(state, id) {
	const group = allGroups(state).find((candidate) => candidate.id === id);
	if (!group) throw notFound();
	return group;
}

function presentGroup(group, state) {
	return compact({
		id: group.id,
		name: group.name,
		description: group.description,
		type: group.type,
		timezone: group.timezone,
		leaf: ![...state.groups.values()].some((child) => child.parentId === group.id),
		createdBy: group.createdBy,
		creationTime: group.creationTime,
	});
}

function findProfile(id) {
	const profile = PROFILES.find((candidate) => candidate.id === id);
	if (!profile) throw notFound();
	return profile;
}

function requireProfiles(ids, field) {
	const unknown = ids.find((id) => !PROFILES.some((profile) => profile.id === id));
	if (unknown) throw invalidField('body', field, `unknown profile ${unknown}`);
}

function presentProfile(profile, state) {
	return {
		id: profile.id,
		name: profile.name,
		group: minGroup(state.group),
		roles: profile.roles.map((name) => ({ name })),
	};
}

function findApiUser(state, id) {
	const apiUser = state.apiUsers.get(id);
	if (!apiUser) throw notFound();
	return apiUser;
}

function presentApiUser(apiUser, state) {
	return {
		id: apiUser.id,
		name: apiUser.name,
		timezone: apiUser.timezone,
		group: minGroup(findGroup(state, apiUser.groupId)),
		creationTime: apiUser.creationTime,
		accessToken: apiUser.accessToken,
		profiles: apiUser.profileIds.map((id) => {
			const profile = PROFILES.find((candidate) => candidate.id === id);
			return { id, name: profile.name };
		}),
	};
}

/** `id` is a user id or email address, as the path carries it. */
function findUser(state, id) {
	const idOrEmail = decodeURIComponent(id);
	const user =
		state.users.get(idOrEmail) ??
		[...state.users.values()].find((candidate) => candidate.email === idOrEmail);
	if (!user) throw notFound();
	return user;
}

function checkRoles(state, roles) {
	for (const role of roles ?? []) {
		findGroupOr400(state, role.groupId);
		requireProfiles([role.profileId], 'userRoles.profileId');
	}
}

function findGroupOr400(state, id) {
	if (!allGroups(state).some((group) => group.id === id))
		throw invalidField('body', 'groupId', 'unknown group');
}

function presentUser(user, state) {
	return compact({
		id: user.id,
		email: user.email,
		firstName: user.firstName,
		lastName: user.lastName,
		timezone: user.timezone,
		locked: false,
		creationTime: user.creationTime,
		userRoles: user.userRoles.map((role) => ({
			group: minGroup(findGroup(state, role.groupId)),
			profile: { id: role.profileId },
		})),
	});
}

function findContract(state, id) {
	if (id !== state.contract.id) throw notFound();
	return state.contract;
}

function presentContract(contract, state) {
	const devices = state.devices.size;
	return {
		id: contract.id,
		contractId: `SIM-${contract.id.slice(-6)}`,
		name: contract.name,
		group: minGroup(state.group),
		order: { id: contract.id, name: 'Simulator order' },
		activationEndTime: 0,
		communicationEndTime: 0,
		bidir: true,
		highPriorityDownlink: false,
		maxUplinkFrames: 140,
		maxDownlinkFrames: 4,
		maxTokens: 0,
		automaticRenewal: true,
		renewalDuration: 12,
		options: [{ id: 'networkMetadata' }],
		pricingModel: 2,
		subscriptionPlan: 1,
		tokenDuration: 12,
		tokensInUse: devices,
		tokensUsed: devices,
	};
}

function findOperator(id) {
	if (id !== OPERATOR_ID) throw notFound();
	return OPERATOR;
}

const apiUserAt = (state, params) => findApiUser(state, params.id);
const userAt = (state, params) => findUser(state, params.id);

const groupIdQuery = { limit: 'integer', offset: 'integer' };

const administrationRoutes = [
	...resourceRoutes({
		path: '/groups/',
		itemPath: '/groups/{id}',
		collection: 'groups',
		find: (state, params) => findGroup(state, params.id),
		present: presentGroup,
		list: {
			operationId: 'listGroups',
			query: { name: 'string', deep: 'boolean', ...groupIdQuery, pageId: 'string' },
			paging: 'pageId',
			select: ({ state, query }) => withName(allGroups(state), query.name),
		},
		create: {
			operationId: 'createGroup',
			body: commonGroupCreate,
			make({ state, body, login }) {
				findGroupOr400(state, body.parentId);
				if (body.name.length < 3) throw invalidField('body', 'name', 'must be 3 to 100 characters');
				return {
					...body,
					id: objectId(),
					level: findGroup(state, body.parentId).level + 1,
					createdBy: login,
					creationTime: Date.now(),
				};
			},
		},
		get: { operationId: 'getGroup' },
		update: {
			operationId: 'updateGroup',
			body: commonGroupUpdate,
			// A body without `type` keeps the group's own.
			channelOf: ({ state, params }) => state.groups.get(params.id)?.type ?? state.group.type,
			change(group, { body }) {
				if (body.type !== undefined && body.type !== group.type)
					throw invalidField('body', 'type', 'the type of a group cannot change');
				applyUpdate(group, body);
			},
		},
		delete: {
			operationId: 'deleteGroup',
			remove(group, { state }) {
				if (group === state.group || !presentGroup(group, state).leaf)
					throw badRequest([{ type: 'path', field: 'id', message: 'the group is not empty' }]);
				state.groups.delete(group.id);
			},
		},
	}),
	historyRoute({
		path: '/groups/{id}/callbacks-not-delivered',
		operationId: 'getCallbackMessagesErrorListForGroup',
		records({ state, params }) {
			const group = findGroup(state, params.id);
			// Every device type of the simulator belongs to the root group.
			return group === state.group ? state.undelivered : [];
		},
		present(record) {
			const { deviceId, deviceTypeId, ...fields } = presentUndelivered(record);
			return { ...fields, device: deviceId, deviceType: deviceTypeId };
		},
	}),
	{
		method: 'GET',
		path: '/groups/{id}/geoloc-payloads',
		operationId: 'listGeolocationPayload',
		query: { ...groupIdQuery, pageId: 'string' },
		paging: 'pageId',
		handle({ state, params, page }) {
			findGroup(state, params.id);
			return { body: page([{ id: '5e2f6e4f8c6c3d0001a1b2c3', name: 'Simulated geolocation' }]) };
		},
	},
	...resourceRoutes({
		path: '/api-users/',
		itemPath: '/api-users/{id}',
		collection: 'apiUsers',
		find: apiUserAt,
		present: presentApiUser,
		list: {
			operationId: 'listApiUsers',
			query: { profileId: 'string', ...groupIdQuery },
			paging: 'offset',
			select: ({ state, query }) =>
				[...state.apiUsers.values()].filter(
					(apiUser) => !query.profileId || apiUser.profileIds.includes(query.profileId),
				),
		},
		create: {
			operationId: 'createApiUser',
			body: apiUserCreation,
			make({ state, body }) {
				findGroupOr400(state, body.groupId);
				requireProfiles(body.profileIds, 'profileIds');
				return {
					id: objectId(),
					name: body.name,
					timezone: body.timezone,
					groupId: body.groupId,
					profileIds: [...body.profileIds],
					accessToken: objectId(),
					creationTime: Date.now(),
				};
			},
		},
		get: { operationId: 'getApiUser' },
		update: {
			operationId: 'updateApiUser',
			body: apiUserEdition,
			change(apiUser, { body }) {
				if (body.profileId) requireProfiles(body.profileId, 'profileId');
				const { profileId, ...fields } = body;
				applyUpdate(apiUser, fields);
				if (profileId) apiUser.profileIds = [...profileId];
			},
		},
		delete: { operationId: 'deleteApiUser' },
	}),
	changeRoute({
		method: 'PUT',
		path: '/api-users/{id}/profiles',
		operationId: 'addProfileToApiUser',
		body: profileIds,
		find: apiUserAt,
		change(apiUser, { body }) {
			requireProfiles(body.profileId ?? [], 'profileId');
			apiUser.profileIds = [...new Set([...apiUser.profileIds, ...(body.profileId ?? [])])];
		},
	}),
	changeRoute({
		method: 'DELETE',
		path: '/api-users/{id}/profiles/{profileId}',
		operationId: 'deleteProfileOfApiUser',
		find: apiUserAt,
		change(apiUser, { params }) {
			if (!apiUser.profileIds.includes(params.profileId)) throw notFound();
			apiUser.profileIds = apiUser.profileIds.filter((id) => id !== params.profileId);
		},
	}),
	{
		method: 'PUT',
		path: '/api-users/{id}/renew-credential',
		operationId: 'renewCredential',
		handle({ state, params }) {
			const apiUser = findApiUser(state, params.id);
			apiUser.accessToken = objectId();
			return { body: { accessToken: apiUser.accessToken } };
		},
	},
	...resourceRoutes({
		path: '/users/',
		itemPath: '/users/{id}',
		collection: 'users',
		find: userAt,
		present: presentUser,
		list: {
			operationId: 'listUsers',
			query: {
				text: 'string',
				profileId: 'string',
				deep: 'boolean',
				...groupIdQuery,
				pageId: 'string',
			},
			paging: 'pageId',
			select({ state, query }) {
				const text = query.text?.toLowerCase();
				return [...state.users.values()].filter(
					(user) =>
						(!text ||
							`${user.firstName} ${user.lastName} ${user.email}`.toLowerCase().includes(text)) &&
						(!query.profileId || user.userRoles.some((role) => role.profileId === query.profileId)),
				);
			},
		},
		create: {
			operationId: 'createUser',
			body: userCreation,
			make({ state, body }) {
				checkRoles(state, body.userRoles);
				if ([...state.users.values()].some((user) => user.email === body.email))
					throw invalidField('body', 'email', 'a user has this email already');
				const { sendWelcomeEmail, ...fields } = body;
				return { ...fields, id: objectId(), creationTime: Date.now() };
			},
			answer: (user, state) => ({
				id: user.id,
				message: 'user created',
				userRoles: presentUser(user, state).userRoles,
			}),
		},
		get: { operationId: 'getUser' },
		update: {
			operationId: 'updateUser',
			body: userUpdate,
			change(user, { state, body }) {
				checkRoles(state, body.userRoles);
				applyUpdate(user, body);
			},
		},
		delete: { operationId: 'deleteUser' },
	}),
	changeRoute({
		method: 'PUT',
		path: '/users/{id}/profiles',
		operationId: 'addUserRoles',
		body: userRoles,
		find: userAt,
		change(user, { state, body }) {
			checkRoles(state, body.userRoles);
			user.userRoles = [...user.userRoles, ...(body.userRoles ?? [])];
		},
	}),
	changeRoute({
		method: 'DELETE',
		path: '/users/{id}/profiles/{profileId}',
		operationId: 'deleteUserRole',
		query: { groupId: 'string' },
		find: userAt,
		change(user, { params, query }) {
			const kept = user.userRoles.filter(
				(role) =>
					role.profileId !== params.profileId ||
					(query.groupId !== undefined && role.groupId !== query.groupId),
			);
			if (kept.length === user.userRoles.length) throw notFound();
			user.userRoles = kept;
		},
	}),
	...resourceRoutes({
		path: '/profiles/',
		itemPath: '/profiles/{id}',
		find: (state, params) => findProfile(params.id),
		present: presentProfile,
		list: {
			operationId: 'listprofiles',
			query: { groupId: 'string', inherit: 'boolean', ...groupIdQuery },
			requiredQuery: ['groupId'],
			paging: 'offset',
			select({ state, query }) {
				findGroup(state, query.groupId);
				return PROFILES;
			},
		},
		get: { operationId: 'getProfile' },
	}),
	...resourceRoutes({
		itemPath: '/operators/{id}',
		find: (state, params) => findOperator(params.id),
		present: (operator, state) => ({
			id: OPERATOR_ID,
			...operator,
			...Object.fromEntries(state.operator),
		}),
		get: { operationId: 'getOperator' },
		update: {
			operationId: 'updateOperator',
			body: operatorUpdate,
			change(operator, { state, body }) {
				for (const [field, value] of Object.entries(body)) state.operator.set(field, value);
			},
		},
	}),
	historyRoute({
		path: '/base-stations/{id}/messages',
		operationId: 'getDeviceMessagesListForBaseStation',
		records({ state, params }) {
			const station = params.id.toUpperCase();
			return state.messages.filter((message) =>
				message.receptions.some((reception) => reception.station.id === station),
			);
		},
		present: presentMessage,
		query: { fields: 'string' },
	}),
	...resourceRoutes({
		path: '/contract-infos/',
		itemPath: '/contract-infos/{id}',
		find: (state, params) => findContract(state, params.id),
		present: presentContract,
		list: {
			operationId: 'listContractInfos',
			query: {
				name: 'string',
				groupId: 'string',
				deep: 'boolean',
				...groupIdQuery,
				pageId: 'string',
			},
			paging: 'pageId',
			select: ({ state, query }) => withName([state.contract], query.name),
		},
		get: { operationId: 'getContractInfo' },
	}),
	{
		method: 'GET',
		path: '/contract-infos/{id}/devices',
		operationId: 'deviceList',
		query: { deviceTypeId: 'string', limit: 'integer', pageId: 'string' },
		// No offset: the next page is named by a pageId only (docs/sigfox/api.md#paging).
		paging: 'pageIdOnly',
		handle({ state, params, query, page }) {
			findContract(state, params.id);
			const devices = [...state.devices.values()].filter(
				(device) => !query.deviceTypeId || device.deviceTypeId === query.deviceTypeId,
			);
			return { body: page(devices.map((device) => presentDevice(device, state))) };
		},
	},
	jobRoute({
		path: '/contract-infos/{id}/bulk/restart',
		operationId: 'contractBulkRestart',
		kind: 'contractRestart',
		shape: 'action',
		items({ state, params }) {
			findContract(state, params.id);
			return [...state.devices.values()];
		},
		apply: restart,
	}),
	jobStatusRoute({
		path: '/contract-infos/bulk/restart/{jobId}',
		operationId: 'getContractBulkRestartJob',
		kinds: ['contractRestart'],
	}),
];

module.exports = { administrationRoutes, PROFILES, OPERATOR_ID };
