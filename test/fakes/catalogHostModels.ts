// HostModels with no network: catalog models validate against their catalog fields and are priced
// from the catalog, as in the host when fal's pricing API and the schema endpoints cannot be reached
// (a hand-typed model id then gets the JSON fallback, whose inputs are not checked).
import { PriceBook } from '../../src/core/prices/priceBook';
import { SchemaCache } from '../../src/core/schemas/schemaCache';
import { HostModels } from '../../src/extension/models/hostModels';

export function catalogHostModels(): HostModels {
  const entries = new Map<string, unknown>();
  const schemas = new SchemaCache({
    store: {
      get: async (key) => entries.get(key),
      put: async (key, value) => {
        entries.set(key, value);
      },
    },
    fetchers: {},
    onStoreError: () => undefined,
  });
  return new HostModels(schemas, new PriceBook());
}
