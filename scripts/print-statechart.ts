// Prints the Mermaid diagrams the README shows, generated from the machines.
import { toMermaid } from '../machines/statechart';
import { ticketMachine } from '../machines/ticket.machine';

console.log('```mermaid');
console.log(toMermaid(ticketMachine));
console.log('```');
