# Loaded by Orca's Python (PYTHONPATH points here; scripts/screen-reader.sh sets it for Orca only).
# Three changes, applied as Orca's own modules are imported, make Orca usable as a test oracle on a
# headless, loaded machine (../../../shared/TOOLCHAIN.md, « A real screen reader in tests »):
#   1. no hang watchdog: Orca kills itself when an event takes over 10 s, which a busy 2-core
#      machine running the test suite does;
#   2. its debug file line-buffered: Python block-buffers files, so the tests would read
#      utterances seconds late or never;
#   3. no speech server: with no audio device the speech-dispatcher call blocks Orca after its
#      first sentence. Orca logs « SPEECH OUTPUT: '…' » before it calls the server, so the log
#      still holds every utterance.
# Key echo is off too (« h », « t », « maj gauche »… for every key xdotool types): it is not what the
# tests listen for, and it would bury the page's own lines.
# The debug file is opened here (not with --debug-file) so that its level can be INFO, not ALL:
# ALL logs every AT-SPI event, megabytes per page, on the same two cores as the tests.
import importlib.abc
import importlib.machinery
import os
import sys

SPEECH_LOG = os.environ.get("WEBMAILLITE_ORCA_SPEECH_LOG")


def _settings(module):
    module.timeoutTime = 0
    module.enableKeyEcho = False


def _debug(module):
    module.debugLevel = module.LEVEL_INFO
    module.debugFile = open(SPEECH_LOG, "w", buffering=1, encoding="utf-8")


def _speech(module):
    module._initSpeechServer = lambda *args, **kwargs: None


_PATCHES = {"orca.settings": _settings, "orca.debug": _debug, "orca.speech": _speech}


class _PatchAfterImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in _PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        load = spec.loader.exec_module

        def exec_then_patch(module):
            load(module)
            _PATCHES[name](module)

        spec.loader.exec_module = exec_then_patch
        return spec


if SPEECH_LOG:
    sys.meta_path.insert(0, _PatchAfterImport())
