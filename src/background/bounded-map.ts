/** Sets a Map entry and keeps the Map no larger than `max` by dropping its oldest entry. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
