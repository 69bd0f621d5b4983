import { fitErrorMessage } from './fit-error';
import { Status } from './status';

describe('fitErrorMessage', () => {
  it.each([
    {
      name: "Kubernetes' example",
      statuses: [Status.unschedulable('Insufficient cpu'), Status.unresolvable("node(s) didn't match Pod's node affinity/selector"), Status.unresolvable("node(s) didn't match Pod's node affinity/selector")],
      want: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
    },
    {
      name: 'every reason of a node counts',
      statuses: [Status.unschedulable('Insufficient cpu', 'Insufficient memory'), Status.unschedulable('Insufficient cpu')],
      want: '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.',
    },
    {
      name: 'sorted as strings, so 10 comes before 9',
      statuses: [...Array(10).fill(Status.unresolvable('node(s) were unschedulable')), ...Array(9).fill(Status.unschedulable('Insufficient cpu'))],
      want: '0/19 nodes are available: 10 node(s) were unschedulable, 9 Insufficient cpu.',
    },
    {
      name: 'taints name themselves',
      statuses: [Status.unresolvable('node(s) had untolerated taint {dedicated: gpu}')],
      want: '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}.',
    },
  ])('$name', ({ statuses, want }) => {
    expect(fitErrorMessage(statuses.length, statuses)).toBe(want);
  });
});
