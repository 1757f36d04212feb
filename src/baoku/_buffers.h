/* What baoku's C extensions share: arrays come in through the buffer protocol (no numpy
 * headers needed to build), and each is checked to hold what the caller says it holds. */
#ifndef BAOKU_BUFFERS_H
#define BAOKU_BUFFERS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* 1 if the buffer holds items of item_size bytes, else 0 with a ValueError naming it. */
static int check_size(Py_buffer *buffer, Py_ssize_t items, Py_ssize_t item_size, const char *name) {
    if (buffer->len != items * item_size) {
        PyErr_Format(PyExc_ValueError, "%s: %zd bytes where %zd were expected", name,
                     buffer->len, items * item_size);
        return 0;
    }
    return 1;
}

#endif
