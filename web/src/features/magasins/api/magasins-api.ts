import type { Magasin, MagasinChanges, NewMagasin } from '../../../lib/api-types.js';
import { recordApi } from '../../../lib/api/records.js';

/** Read one, create, change (only the fields sent), its history (name, city, address). */
export const magasinsApi = recordApi<Magasin, NewMagasin, MagasinChanges>('/api/magasins');
