"""Opens layers of the GeoPackages `coverage --format gpkg` writes in QGIS (PyQGIS, headless),
checks that QGIS finds each layer's default style in its layer_styles table and draws it with the
renderer expected, and renders them to a PNG.

    python3 Tests/OutputChecks/render_qgis.py OUT.png FILE.gpkg:LAYER=RENDERER [...]

RENDERER is QGIS's renderer type (graduatedSymbol, categorizedSymbol); the first layer is drawn
on top and sets the extent. Needs Debian's python3-qgis (`make qgis-check` installs it) and the
system Python, not a venv.
"""
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"
from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    layers, failures = [], []
    for spec in sys.argv[2:]:
        source, expected = spec.rsplit("=", 1)
        path, name = source.rsplit(":", 1)
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            failures.append(f"{source}: QGIS cannot open the layer")
            continue
        message, loaded = layer.loadDefaultStyle()
        renderer = layer.renderer().type()
        print(f"{source}: {layer.featureCount()} features; default style from layer_styles: {loaded} ({message}); renderer {renderer}")
        if not loaded or renderer != expected:
            failures.append(f"{source}: renderer {renderer}, style loaded {loaded} (expected {expected} from layer_styles)")
        layers.append(layer)
    if layers:
        settings = QgsMapSettings()
        settings.setLayers(layers)
        settings.setDestinationCrs(layers[0].crs())
        extent = QgsRectangle(layers[-1].extent())
        extent.scale(1.05)
        settings.setExtent(extent)
        settings.setOutputSize(QSize(700, 760))
        settings.setBackgroundColor(QColor("white"))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        job.renderedImage().save(sys.argv[1])
        print(f"rendered {sys.argv[1]}")
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Not exitQgis() and the interpreter's teardown: PyQGIS 3.22 crashes freeing its objects.
    os._exit(status)
