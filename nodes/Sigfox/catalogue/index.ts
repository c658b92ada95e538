import type { CatalogueOperation, CatalogueResource } from './types';
import { apiUser } from './apiUser';
import { baseStation } from './baseStation';
import { callback } from './callback';
import { contract } from './contract';
import { coverage } from './coverage';
import { device } from './device';
import { deviceBulk } from './deviceBulk';
import { deviceType } from './deviceType';
import { downlink } from './downlink';
import { group } from './group';
import { operator } from './operator';
import { payload } from './payload';
import { profile } from './profile';
import { tiles } from './tiles';
import { user } from './user';

/** Every operation of the Sigfox node, by resource; the node's parameters and requests derive from it. */
export const catalogue: CatalogueResource[] = [
	device,
	deviceBulk,
	deviceType,
	callback,
	payload,
	downlink,
	group,
	user,
	apiUser,
	profile,
	contract,
	coverage,
	tiles,
	baseStation,
	operator,
];

export function findOperation(resource: string, operation: string): CatalogueOperation | undefined {
	return catalogue.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
