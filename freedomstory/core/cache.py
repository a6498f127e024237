"""Cache backends for a cache that several processes share.

`PrivateFileBasedCache` is Django's file cache, refusing a directory that anyone else could
write to. settings.py picks it when DEBUG is off and there is no Redis.
"""

import os
import stat

from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import ImproperlyConfigured


class PrivateFileBasedCache(FileBasedCache):
    """Django's file cache, for the processes of one machine, in a directory nobody else may
    write to: its entries are pickles, and whoever can plant one there runs code in the site.
    The default directory sits in the shared temporary directory under a name anyone can guess,
    so a directory someone else made (or left writable) is refused rather than used."""

    def _createdir(self):
        super()._createdir()  # mode 0o700 when it creates it
        info = os.stat(self._dir)
        if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise ImproperlyConfigured(
                f"The cache directory {self._dir} must belong to the user running the site and "
                "be writable by nobody else. Remove it, or point CACHE_DIR elsewhere."
            )
