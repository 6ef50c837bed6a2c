import { ObjectId } from 'mongodb';

/** Ids are ObjectId hex strings: valid for the shared `Id` schema and sortable by creation time. */
export function newId(): string {
  return new ObjectId().toHexString();
}
