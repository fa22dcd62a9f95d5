import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { TaskError, changeTaskState, defaultRepushPageSize, runRepushTask, taskView } from '../../shared/outbox/repushTask';
import { type TaskState, taskStates } from '../../shared/store/types';
import { failureItem, itemProblem, recordRun, storeProblem, tellEditor, withOutboxStore } from './nodeRun';

const properties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'taskAction',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		options: [
			{ name: 'Delete', value: 'delete', description: 'Remove the task from the list (the messages it put back stay queued)', action: 'Delete a task' },
			{ name: 'Get', value: 'get', description: "A task's state and progress", action: 'Get a task' },
			{ name: 'List', value: 'list', description: 'The batch tasks, newest first (推送任务列表)', action: 'List tasks' },
			{ name: 'Pause', value: 'pause', description: 'Stop a running task after the page in hand', action: 'Pause a task' },
			{ name: 'Resume', value: 'resume', description: 'Continue a paused (or stopped) task from where it stopped', action: 'Resume a task' },
			{ name: 'Retry', value: 'retry', description: 'Run the task again from the start, counting its matches anew', action: 'Retry a task' },
		],
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '={{ $json.task.id }}',
		placeholder: 'task_0f3c…',
		description: 'The ID Repush gave (its output item\'s task.ID)',
		displayOptions: { hide: { taskAction: ['list'] } },
	},
	{
		displayName: 'State',
		name: 'taskStates',
		type: 'multiOptions',
		default: [],
		options: taskStates.map((state) => ({ name: state[0].toUpperCase() + state.slice(1), value: state })),
		description: 'Only tasks in these states; none: all',
		displayOptions: { show: { taskAction: ['list'] } },
	},
	{
		displayName: 'Limit',
		name: 'taskLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { taskAction: ['list'] } },
	},
];

export const description = updateDisplayOptions({ show: { operation: ['task'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return withOutboxStore(this, items, async (outbox) => {
		const store = outbox.store;
		const success: INodeExecutionData[] = [];
		const failed: INodeExecutionData[] = [];
		const inputs = items.length > 0 ? items : [{ json: {} }];
		const action = this.getNodeParameter('taskAction', 0, 'get') as string;
		for (let itemIndex = 0; itemIndex < inputs.length; itemIndex++) {
			try {
				if (action === 'list') {
					const states = this.getNodeParameter('taskStates', itemIndex, []) as TaskState[];
					const limit = this.getNodeParameter('taskLimit', itemIndex, 50) as number;
					const page = await store.listTasks(states.length > 0 ? { states } : {}, { limit }).catch((error: unknown) => {
						throw storeProblem(this, outbox, error, itemIndex);
					});
					for (const task of page.items) success.push({ json: { task: taskView(task) as IDataObject }, pairedItem: { item: itemIndex } });
					continue;
				}
				const taskId = String(this.getNodeParameter('taskId', itemIndex, '') ?? '').trim();
				if (taskId === '') throw new TaskError('"Task ID" is empty: give the ID of a task (Repush outputs it as task.id; List shows them all)');
				const now = Date.now();
				let result: IDataObject;
				try {
					if (action === 'get') {
						const task = await store.getTask(taskId);
						if (!task) throw new TaskError(`There is no task with the ID "${taskId}": List shows the tasks (completed ones are purged after 7 days)`);
						result = { task: taskView(task) as IDataObject };
					} else if (action === 'delete') {
						const deleted = await store.deleteTask(taskId);
						if (!deleted) throw new TaskError(`There is no task with the ID "${taskId}" to delete`);
						result = { task: { id: taskId, deleted: true } };
					} else if (action === 'pause') {
						result = { task: taskView(await changeTaskState(store, taskId, 'pause', now)) as IDataObject };
					} else if (action === 'resume' || action === 'retry') {
						const started = await changeTaskState(store, taskId, action, now);
						tellEditor(this, `Outbox: task ${taskId} ${action === 'resume' ? 'resumed' : 'restarted'} at ${started.done} of ${started.total}`);
						const ended = await runRepushTask(store, started, {
							pageSize: defaultRepushPageSize,
							onProgress: (task) => tellEditor(this, `Outbox: task ${task.id} ${task.state}, ${task.done} of ${task.total} put back`),
						});
						result = { task: taskView(ended) as IDataObject };
					} else {
						throw new TaskError(`The task action "${action}" is not supported`);
					}
				} catch (error) {
					if (error instanceof TaskError) throw new NodeOperationError(this.getNode(), error.message, { itemIndex, description: 'List shows the tasks and their states' });
					throw storeProblem(this, outbox, error, itemIndex);
				}
				success.push({ json: result, pairedItem: { item: itemIndex } });
			} catch (error) {
				failed.push(failureItem(inputs[itemIndex], itemIndex, itemProblem(this, error, itemIndex, 'Check "Task ID": List Tasks shows the tasks and their states')));
			}
		}
		recordRun(this, 'task', { tasks: success.length, failed: failed.length });
		return [success, failed];
	});
}
