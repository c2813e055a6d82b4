import { z } from 'zod';

/**
 * The actor Network's part of the contract (DESIGN.md, "More of the interface"): who acted on whom,
 * from the events' roles. A node is an actor of the registry (an actor span linked to an entity is
 * that entity, under its canonical name), or, for spans linked to none, their canonical name or
 * text. An edge joins an event's actor to its target, weighted by the incidents in which it does
 * (an event in no incident counts as its own).
 */

export const NetworkQuery = z
  .object({
    type: z.string().max(200).optional(),
    source: z.string().max(2000).optional(),
    /** The heaviest edges kept; the rest are counted in `omitted`. */
    limit: z.number().int().min(1).max(2000).default(300),
  })
  .strict();
export type NetworkQuery = z.input<typeof NetworkQuery>;

export const NetworkNode = z.object({
  /** `entity:<id>` for a registry entity, `name:<folded name>` for the rest. */
  id: z.string(),
  name: z.string(),
  /** The registry entity, when there is one. */
  entityId: z.string().nullable(),
  /** Incidents in which the actor acts or is acted upon, among the edges kept. */
  incidents: z.number().int().nonnegative(),
});
export type NetworkNode = z.infer<typeof NetworkNode>;

export const NetworkEdge = z.object({ source: z.string(), target: z.string(), incidents: z.number().int().positive(), events: z.number().int().positive() });
export type NetworkEdge = z.infer<typeof NetworkEdge>;

export const NetworkGraph = z.object({ nodes: z.array(NetworkNode), edges: z.array(NetworkEdge), omitted: z.number().int().nonnegative() });
export type NetworkGraph = z.infer<typeof NetworkGraph>;

export const networkContract = {
  'network/graph': { input: NetworkQuery, output: NetworkGraph },
} as const;
