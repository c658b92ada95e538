import { ENDPOINTS } from '../../nodes/shared/endpoints';
import { allowedBy, outOfBounds, requestOutOfBounds } from '../../nodes/shared/endpoints/bounds';

describe('checking a request against the bounds of the API contract', () => {
	it('takes several Include values, commas inside parentheses belonging to one', () => {
		const fields = 'deviceType(name),group(name,type,level,bssId,customerBssId),contract(name)';
		expect(requestOutOfBounds(ENDPOINTS.listDevices, { qs: { fields } })).toBeUndefined();
		expect(
			requestOutOfBounds(ENDPOINTS.listDevices, { qs: { fields: 'deviceType(name),pac' } }),
		).toEqual({
			path: ['fields'],
			value: 'deviceType(name),pac',
			allowed: expect.stringMatching(/^one or more of deviceType\(name\), /),
		});
	});

	it('names the place of a value inside arrays and objects', () => {
		const rule = {
			type: 'object',
			properties: {
				data: { type: 'array', items: { type: 'object', properties: { t: { type: 'integer' } } } },
			},
		};
		expect(outOfBounds(rule, { data: [{ t: 1 }, { t: 2.5 }] })).toEqual({
			path: ['data', 1, 't'],
			value: 2.5,
			allowed: 'a whole number',
		});
	});

	it('says what a rule allows in words', () => {
		expect(allowedBy({ type: 'integer', minimum: 300, maximum: 86400 })).toBe(
			'a whole number from 300 to 86400',
		);
		expect(allowedBy({ type: 'string', minLength: 3, maxLength: 100 })).toBe(
			'from 3 to 100 characters',
		);
		expect(allowedBy({ type: 'string', maxLength: 40 })).toBe('at most 40 characters');
		expect(allowedBy({ type: 'number', minimum: 0 })).toBe('a number at least 0');
	});

	it('lets through numbers given as text in a query, and what has no rule', () => {
		expect(
			requestOutOfBounds(ENDPOINTS.getPublicCoverageKmzFile, { qs: { zoom: '7', north: 45.5 } }),
		).toBeUndefined();
		expect(
			requestOutOfBounds(ENDPOINTS.getDevice, { qs: { anything: 'x'.repeat(500) } }),
		).toBeUndefined();
	});
});
