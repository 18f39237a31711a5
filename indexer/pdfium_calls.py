"""Unchecked copies of the pdfium functions the PDF reader calls per line and per object.

pypdfium2's raw bindings declare every argument type, so ctypes converts and checks
each argument on each call: about 3 us a call on a loaded 2-core machine, against
under 1 us for the same C function called without declared types. Reading a page
takes several calls per line, which made the calls alone a third of extraction time.

Each name below is the same C function with only its return type declared. Callers
pass nothing ctypes would have to guess at: the raw handles pypdfium2 returns (typed
pointers), Python ints for C `int` arguments, `ctypes.byref(...)` or ctypes arrays
for out-pointers, and `ctypes.c_ulong` for the one unsigned long length.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c


def _unchecked(func, restype):
    """The C function behind a pypdfium2 binding, with no argument conversion."""
    copy = type(func)(ctypes.cast(func, ctypes.c_void_p).value)
    copy.restype = restype
    return copy


# Text page: (textpage, int ...)
count_rects = _unchecked(pdfium_c.FPDFText_CountRects, ctypes.c_int)
get_rect = _unchecked(pdfium_c.FPDFText_GetRect, ctypes.c_int)
get_char_box = _unchecked(pdfium_c.FPDFText_GetCharBox, ctypes.c_int)
get_char_origin = _unchecked(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
get_font_size = _unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
get_matrix = _unchecked(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
get_font_weight = _unchecked(pdfium_c.FPDFText_GetFontWeight, ctypes.c_int)
get_font_info = _unchecked(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
get_unicode = _unchecked(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
get_text_object = _unchecked(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)  # address or None

# Text object (an address from get_text_object) -> its font's address, or None.
get_font = _unchecked(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)
get_font.argtypes = (ctypes.c_void_p,)  # an address does not fit ctypes' default C int

# Page objects: (page, int) -> object handle, then (object, float* ...)
get_object = _unchecked(pdfium_c.FPDFPage_GetObject, pdfium_c.FPDF_PAGEOBJECT)
get_object_type = _unchecked(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
get_object_bounds = _unchecked(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int)
count_path_segments = _unchecked(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
