'use strict';

const { startRecording } = require('./recorder');

/** Before any worker starts: a folder where each records the requests the Sigfox node sends. */
module.exports = async function globalSetup() {
	startRecording();
};
