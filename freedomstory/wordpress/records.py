"""The bookkeeping that makes an import safe to run again: one ImportedItem per object taken.

`decide` compares what WordPress has now with what we took last time, and the object here
with what we wrote: new → create; same source → skip; edited here → leave alone; else update.
"""

import hashlib
import json
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType

from freedomstory.wordpress.models import ImportedItem


class Decision(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"  # WordPress has what we took last time
    EDITED_HERE = "edited_here"  # a staff member changed it here since: left alone
    DELETED_HERE = "deleted_here"  # deleted here since: not brought back


def fingerprint(*values):
    """A stable hash of plain values (str, numbers, lists, dicts, None)."""
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Records:
    """The ImportedItems of one site, read once (an import touches most of them)."""

    def __init__(self, site):
        self.site = site[:200]  # ImportedItem.site: a longer address is cut, not an error
        self.items = {
            (item.kind, item.key): item for item in ImportedItem.objects.filter(site=site)
        }

    def get(self, kind, key):
        return self.items.get((kind, _key(key)))

    def decide(self, kind, key, source_hash, local_hash_of):
        """What to do with WordPress's item `key`; `local_hash_of(target)` fingerprints ours."""
        record = self.get(kind, key)
        if record is None:
            return Decision.CREATE, None
        target = record.target
        if target is None:
            return Decision.DELETED_HERE, record
        if record.source_hash == source_hash:
            return Decision.UNCHANGED, record
        if record.local_hash and local_hash_of(target) != record.local_hash:
            return Decision.EDITED_HERE, record
        return Decision.UPDATE, record

    def keep(self, kind, key, target, source_hash, local_hash, old_path=""):
        """Remember that WordPress's item `key` is `target` here, as just written."""
        record = self.get(kind, key) or ImportedItem(site=self.site, kind=kind, key=_key(key))
        record.content_type = ContentType.objects.get_for_model(target)
        record.object_id = target.pk
        record.source_hash = source_hash
        record.local_hash = local_hash
        record.old_path = old_path[:500]
        record.save()
        self.items[(kind, _key(key))] = record
        return record


def _key(key):
    """ImportedItem.key: a WordPress id, or a term's taxonomy and slug cut to the column."""
    return str(key)[:300]
