import type { CatalogueOperation, CatalogueResource } from './types';
import { callback } from './callback';
import { device } from './device';
import { deviceBulk } from './deviceBulk';
import { deviceType } from './deviceType';
import { downlink } from './downlink';
import { payload } from './payload';

/** Every operation of the Sigfox node, by resource; the node's parameters and requests derive from it. */
export const catalogue: CatalogueResource[] = [device, deviceBulk, deviceType, callback, payload, downlink];

export function findOperation(resource: string, operation: string): CatalogueOperation | undefined {
	return catalogue.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
