#!/usr/bin/python3
"""make-ct.py OUTDIR COUNT — writes a synthetic CT series of COUNT 512x512 16-bit slices (one study, one
series, fresh UIDs for everything) built from pydicom's CT_small.dcm: its 128x128 pixels tiled 4x4, so
each instance is ~0.5 MB uncompressed, Explicit VR Little Endian, like a typical CT slice."""
import copy
import os
import sys

import pydicom
from pydicom.data import get_testdata_file
from pydicom.uid import generate_uid

out_dir, count = sys.argv[1], int(sys.argv[2])
template = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
rows, cols = template.Rows, template.Columns
row_bytes = cols * 2
small = template.PixelData
tiled = b"".join(small[(r % rows) * row_bytes:(r % rows + 1) * row_bytes] * 4 for r in range(rows * 4))

template.Rows, template.Columns = rows * 4, cols * 4
template.PixelData = tiled
template.PatientID = "BENCH-CT-500"
template.PatientName = "Bench^Ingest"
template.StudyInstanceUID = generate_uid()
template.SeriesInstanceUID = generate_uid()
template.FrameOfReferenceUID = generate_uid()
template.StudyDescription = "Ingest benchmark"
template.SeriesDescription = f"Synthetic CT {count} slices"
template.AccessionNumber = "BENCH"

os.makedirs(out_dir, exist_ok=True)
for i in range(1, count + 1):
    ds = copy.copy(template)  # shallow: pixel data shared, changed elements replaced below
    uid = generate_uid()
    ds.file_meta = copy.deepcopy(template.file_meta)
    ds.file_meta.MediaStorageSOPInstanceUID = uid
    ds.SOPInstanceUID = uid
    ds.InstanceNumber = i
    ds.SliceLocation = float(i)
    ds.ImagePositionPatient = [0.0, 0.0, float(i)]
    ds.save_as(os.path.join(out_dir, f"ct{i:04d}.dcm"), write_like_original=False)
