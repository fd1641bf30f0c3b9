import type { ListRequest } from './bindings';

/** A list request with every field given, defaults for the rest. */
export function listRequest(r: Partial<ListRequest>): ListRequest {
  return {
    Year: null, BookId: null, Priority: null, State: null, ArrivalFrom: null, ArrivalTo: null,
    Sort: null, Descending: false, Limit: 100, Offset: 0, ...r,
  };
}
