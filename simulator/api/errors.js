'use strict';

/** An API answer that is not a success, in the body shapes of docs/sigfox/api.md#errors. */
class SigfoxError extends Error {
	constructor(status, message, errors) {
		super(message);
		this.status = status;
		this.errors = errors;
	}

	get body() {
		if (this.status === 401 || this.status >= 500) return undefined;
		return this.errors ? { message: this.message, errors: this.errors } : { message: this.message };
	}
}

// Messages are the spec's own examples (docs/sigfox/api.md#errors).
const badRequest = (errors) => new SigfoxError(400, 'bad request', errors);
const forbidden = () => new SigfoxError(403, 'You are not allowed to access the resource.');
const notFound = () => new SigfoxError(404, 'The requested resource was not found.');
const conflict = (message) => new SigfoxError(409, message);

/** A 400 about one field. */
function invalidField(type, field, message) {
	return badRequest([{ type, field, message }]);
}

module.exports = { SigfoxError, badRequest, forbidden, notFound, conflict, invalidField };
