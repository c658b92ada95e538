import { buildMessageId } from '../../nodes/shared/messageId';

describe('buildMessageId', () => {
	it('joins the device ID, the sequence number and the epoch seconds', () => {
		expect(buildMessageId('1A2B3C', 42, 1764139200)).toBe('1A2B3C:42:1764139200');
	});

	it('leaves the sequence number empty when Sigfox gives none', () => {
		expect(buildMessageId('1A2B3C', undefined, 1764139200)).toBe('1A2B3C::1764139200');
	});

	it('writes the device ID in upper case, as Sigfox shows it, so both sources agree', () => {
		expect(buildMessageId('1a2b3c', '7', 1764139200)).toBe('1A2B3C:7:1764139200');
	});

	it('keeps whole seconds when given a fractional epoch', () => {
		expect(buildMessageId('00FF', 0, 1764139200.9)).toBe('00FF:0:1764139200');
	});
});
