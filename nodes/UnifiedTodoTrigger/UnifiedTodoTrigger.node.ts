import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
import { unifiedTodoSource } from '../shared/trigger/sources';

export class UnifiedTodoTrigger extends triggerNodeType({
	displayName: 'Unified Todo Trigger',
	description: 'Starts the workflow when an OA system pushes a to-do, done, finished, CC or delete in the e-cology OFS shape (on one URL or on the OFS REST endpoints) or in the E10 shape',
	source: unifiedTodoSource,
	pathPlaceholder: 'oa-todo',
}) {}
