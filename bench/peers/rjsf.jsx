// RJSF stack as an app would ship it: @rjsf/core's Form + the AJV 8 validator, live validation on (ours
// validates live too), React 19 production. The bench page drives it through this tiny adapter.
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { reactHost } from './react-host.js';

export const { mount, takeError, unmount, flush } = reactHost((schema) => <Form schema={schema} validator={validator} liveValidate />);
