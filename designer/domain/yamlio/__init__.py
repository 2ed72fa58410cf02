"""Read manifests from YAML or JSON safely, and write them back as YAML or JSON, fast."""

from designer.domain.yamlio.reader import LoadedDocument, load_documents
from designer.domain.yamlio.writer import dump_json, dump_yaml

__all__ = ["LoadedDocument", "dump_json", "dump_yaml", "load_documents"]
