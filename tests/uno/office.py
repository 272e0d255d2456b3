"""Shared by the UNO scripts: a private LibreOffice over a pipe, and Writer's paragraphs."""

import subprocess
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def value(name, val):
    prop = PropertyValue()
    prop.Name = name
    prop.Value = val
    return prop


def start(profile):
    pipe = "motion-test-" + uuid.uuid4().hex[:8]
    proc = subprocess.Popen(
        [
            "soffice",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--headless",
            "--invisible",
            "--norestore",
            "--nodefault",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(240):
        try:
            ctx = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
            )
            return proc, ctx
        except NoConnectException:
            time.sleep(0.25)
    proc.kill()
    raise SystemExit("soffice did not start")


def paragraphs(doc):
    out = []
    walk = doc.getText().createEnumeration()
    while walk.hasMoreElements():
        element = walk.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(element)
    return out
