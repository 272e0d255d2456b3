"""Edits a DOCX in LibreOffice the way a clerk does, over UNO, and prints what Writer shows.

    /usr/bin/python3 tests/uno/edit_numbering.py FILE.docx PROFILE_DIR STYLE_NAME

Opens FILE.docx, presses Enter at the end of the second paragraph whose style is STYLE_NAME
(or the paragraph styled STYLE_NAME + " (1er)" for French articles) and types a new
demand, then applies STYLE_NAME to the paragraph after the last numbered one. Prints one JSON
object: the list labels and styles of the numbered paragraphs after each step. Used by
tests/render_docx.rs; needs python3-uno (Debian) and soffice.
"""

import json
import os
import shutil
import subprocess
import sys

import uno


from office import paragraphs, start, value


def numbered(doc, styles):
    return [
        [p.ListLabelString, p.ParaStyleName, p.getString()[:30]]
        for p in paragraphs(doc)
        if p.ParaStyleName in styles
    ]


def main():
    path, profile, style = sys.argv[1], sys.argv[2], sys.argv[3]
    first = style + " (1er)"
    shutil.rmtree(profile, ignore_errors=True)
    proc, ctx = start(profile)
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx
        )
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)),
            "_blank",
            0,
            (value("Hidden", True),),
        )
        frame = doc.getCurrentController().getFrame()
        cursor = doc.getCurrentController().getViewCursor()
        styles = (style, first)
        report = {"loaded": numbered(doc, styles)}

        # Enter at the end of the first article (if any) or the second demand, and type.
        targets = [p for p in paragraphs(doc) if p.ParaStyleName in styles]
        target = targets[0] if targets[0].ParaStyleName == first else targets[1]
        cursor.gotoRange(target.getEnd(), False)
        dispatcher.executeDispatch(frame, ".uno:InsertPara", "", 0, ())
        dispatcher.executeDispatch(
            frame, ".uno:InsertText", "", 0, (value("Text", "exige un nouveau point."),)
        )
        report["after_enter"] = numbered(doc, styles)

        # Apply the style to the paragraph after the last numbered one, as from the menu.
        all_paragraphs = paragraphs(doc)
        last = max(i for i, p in enumerate(all_paragraphs) if p.ParaStyleName in styles)
        if last + 1 < len(all_paragraphs):
            cursor.gotoRange(all_paragraphs[last + 1].getStart(), False)
            dispatcher.executeDispatch(
                frame,
                ".uno:StyleApply",
                "",
                0,
                (value("Style", style), value("FamilyName", "ParagraphStyles")),
            )
        report["after_style"] = numbered(doc, styles)
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
