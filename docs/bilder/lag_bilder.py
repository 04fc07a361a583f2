"""Make the guide's pictures of the March audit report (docs/bilder/*.png):

    python docs/bilder/lag_bilder.py

- kontroll-krav.png: the claims sheet of `honorar audit … --format xlsx`, as LibreOffice
  prints it (its own print setup, Norwegian number format);
- kontroll-html.png: the top of `honorar audit … --format html` in headless Chromium;
- satser-html.png: the same of `honorar rates diff … --impact … --format html`.

Needs `soffice`, `pdftoppm` (poppler-utils), `chromium` and Pillow (which matplotlib
brings). The tests do not run it: make
the pictures anew when a report's look changes, and look at them before committing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MONTH = "examples/krav-mars-2025.xlsx"
# LibreOffice prints numbers in its own locale: a profile that says Norwegian bokmål
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>nb-NO</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>nb-NO</value></prop></item>
</oor:items>
"""


def tool(*names: str) -> str:
    for name in names:
        if found := shutil.which(name):
            return found
    sys.exit(f"needs one of: {', '.join(names)}")


def honorar(folder: Path, *args: str) -> None:
    """`honorar ARGS` in `folder`, the month's findings (exit 1) being what it is for."""
    done = subprocess.run([sys.executable, "-c", "from honorar.launch import main; main()", *args],
                          cwd=folder, env={"PATH": "/usr/bin:/bin", "HONORAR_RATES": "",
                                           "COLUMNS": "100"},
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(done.stderr)


def claims_sheet(folder: Path) -> None:
    soffice, pdftoppm = tool("soffice", "libreoffice"), tool("pdftoppm")
    honorar(folder, "audit", MONTH, "--format", "xlsx", "--output", "kontroll.xlsx")
    profile = folder / "profil" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profil').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "kontroll.xlsx")], check=True, capture_output=True, timeout=180)
    # page 1 is the summary, page 2 the claims sheet
    subprocess.run([pdftoppm, "-png", "-r", "200", "-f", "2", "-l", "2", "-singlefile",
                    str(folder / "kontroll.pdf"), str(folder / "krav")], check=True)
    trimmed(folder / "krav.png", HERE / "kontroll-krav.png")


def trimmed(source: Path, target: Path, margin: int = 24) -> None:
    """The picture without the blank paper around what is printed on it, and without the
    page's footer (the page number)."""
    from PIL import Image, ImageChops

    with Image.open(source) as page:
        page = page.convert("RGB")
        page = page.crop((0, 0, page.width, page.height * 9 // 10))
        blank = Image.new("RGB", page.size, "white")
        left, top, right, bottom = ImageChops.difference(page, blank).getbbox()
        page.crop((max(left - margin, 0), max(top - margin, 0),
                   min(right + margin, page.width), min(bottom + margin, page.height))
                  ).save(target, optimize=True)


def html_page(folder: Path, picture: str, height: int, *args: str) -> None:
    """The top `height` pixels of the page `honorar ARGS --format html` makes."""
    chromium = tool("chromium", "chromium-browser", "google-chrome")
    page = folder / f"{picture}.html"
    honorar(folder, *args, "--format", "html", "--output", page.name)
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--hide-scrollbars", f"--user-data-dir={folder / 'chromium'}",
                    f"--window-size=1000,{height}", f"--screenshot={HERE / (picture + '.png')}",
                    page.as_uri()],
                   check=True, capture_output=True, timeout=180)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copytree(ROOT / "examples", folder / "examples")
        claims_sheet(folder)
        html_page(folder, "kontroll-html", 1400, "audit", MONTH)
        html_page(folder, "satser-html", 1600, "rates", "diff", "unn@2022-01-01",
                  "examples/satser/unn/2025-01-01.yaml", "--impact", MONTH, "--by", "group")
    for picture in sorted(HERE.glob("*.png")):
        print(f"wrote {picture.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
