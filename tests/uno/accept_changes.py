"""Accepts every tracked change of a redline DOCX in LibreOffice, as « Accept All » does, and
prints what Writer then shows beside a consolidated DOCX.

    /usr/bin/python3 tests/uno/accept_changes.py REDLINE.docx CONSOLIDATED.docx PROFILE_DIR

Prints one JSON object: the tracked changes of REDLINE (type and author), its paragraphs
(list label and text) after accepting them all, and the paragraphs of CONSOLIDATED. Used by
tests/amendments.rs; needs python3-uno (Debian) and soffice.
"""

import json
import os
import shutil
import subprocess
import sys

import uno

from office import paragraphs, start, value


def shown(doc):
    return [[p.ListLabelString, p.getString()] for p in paragraphs(doc)]


def main():
    redline, consolidated, profile = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(profile, ignore_errors=True)
    proc, ctx = start(profile)
    report = {}
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx
        )

        def load(path):
            return desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(path)),
                "_blank",
                0,
                (value("Hidden", True),),
            )

        doc = load(redline)
        changes = []
        walk = doc.getRedlines().createEnumeration()
        while walk.hasMoreElements():
            r = walk.nextElement()
            changes.append([r.RedlineType, r.RedlineAuthor])
        report["changes"] = changes
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        report["accepted"] = shown(doc)
        doc.close(True)

        doc = load(consolidated)
        report["consolidated"] = shown(doc)
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False))


main()
