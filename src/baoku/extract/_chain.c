/* The inner loops of the entity model (ner.py): the codes of a page's words, hashing each
 * character's feature keys into buckets, and Viterbi decoding of the clauses of a text. They
 * run per word, per character and per label, where Python, even through numpy, pays for every
 * step; here a page of People's Daily takes a few milliseconds, most of them waiting for the
 * weights to come from memory.
 * A tie between labels goes to the first. */
#include "../_buffers.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MIX 0x9E3779B97F4A7C15ULL
#define BUCKET_BITS 20
#define MAX_LABELS 64
#define ROWS_AHEAD 8  /* characters */
#define WEIGHTS_AHEAD 4
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* buckets(keys, templates, starts, out): keys holds a row of K uint64 keys for each of n
 * characters; template t hashes the keys listed in templates[starts[t]:starts[t + 1]] (int32),
 * and out (n rows of T uint32) gets each character's bucket of each template. */
static PyObject *buckets(PyObject *self, PyObject *args) {
    Py_buffer keys, templates, starts, out;
    if (!PyArg_ParseTuple(args, "y*y*y*w*", &keys, &templates, &starts, &out))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t count = starts.len / (Py_ssize_t)sizeof(int32_t) - 1;
    Py_ssize_t listed = templates.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t n = count > 0 ? out.len / (count * (Py_ssize_t)sizeof(uint32_t)) : 0;
    Py_ssize_t key_count = n ? keys.len / (n * (Py_ssize_t)sizeof(uint64_t)) : 0;
    const uint64_t *key = keys.buf;
    const int32_t *used = templates.buf, *start = starts.buf;
    uint32_t *bucket = out.buf;
    if (count < 1) {
        PyErr_SetString(PyExc_ValueError, "starts: no template");
        goto done;
    }
    if (!check_size(&out, n * count, sizeof(uint32_t), "out")
        || !check_size(&keys, n * key_count, sizeof(uint64_t), "keys"))
        goto done;
    for (Py_ssize_t t = 0; t < count; t++) {
        if (start[t] < 0 || start[t] > start[t + 1] || start[t + 1] > listed) {
            PyErr_SetString(PyExc_ValueError, "starts: not a partition of templates");
            goto done;
        }
        for (int32_t j = start[t]; j < start[t + 1]; j++)
            if (n && (used[j] < 0 || used[j] >= key_count)) {
                PyErr_Format(PyExc_ValueError, "templates: no key %d", used[j]);
                goto done;
            }
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        const uint64_t *own = key + i * key_count;
        for (Py_ssize_t t = 0; t < count; t++) {
            uint64_t h = (uint64_t)t + 1;
            for (int32_t j = start[t]; j < start[t + 1]; j++)
                h = (h ^ own[used[j]]) * MIX;
            bucket[i * count + t] = (uint32_t)((h >> 40) & ((1u << BUCKET_BITS) - 1));
        }
    }
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&keys);
    PyBuffer_Release(&templates);
    PyBuffer_Release(&starts);
    PyBuffer_Release(&out);
    return result;
}

/* The code and length of the field-th string of item i, as `codes` describes: 0, or -1 with
 * an exception set. */
static int code_of_item(PyObject *item, Py_ssize_t i, Py_ssize_t field, PyObject *known,
                        PyObject *missing, uint64_t *code_out, int64_t *length_out) {
    if (!PyTuple_Check(item) || field < 0 || PyTuple_GET_SIZE(item) <= field
        || !PyUnicode_Check(PyTuple_GET_ITEM(item, field))) {
        PyErr_Format(PyExc_TypeError, "items[%zd]: no string at %zd", i, field);
        return -1;
    }
    PyObject *string = PyTuple_GET_ITEM(item, field);  /* the caller holds item, so string */
    PyObject *code = PyDict_GetItemWithError(known, string);  /* borrowed */
    if (code)
        Py_INCREF(code);
    else if (!PyErr_Occurred())
        code = PyObject_CallOneArg(missing, string);
    if (!code)
        return -1;
    *code_out = PyLong_AsUnsignedLongLong(code);
    Py_DECREF(code);
    if (*code_out == (uint64_t)-1 && PyErr_Occurred())
        return -1;
    *length_out = PyUnicode_GET_LENGTH(string);
    return 0;
}

/* codes(items, field, known, missing, out, lengths): items is a list of tuples of strings (a
 * tagger's (word, tag) pairs); out (uint64, one an item) gets the code of each item's
 * field-th string, known[string] or else missing(string), which is left to remember it; lengths
 * (int64, one an item) gets the string's length in characters. A page's few thousand words
 * cost a millisecond or two as a Python loop, and a tenth of that here. */
static PyObject *codes(PyObject *self, PyObject *args) {
    PyObject *items, *known, *missing;
    Py_ssize_t field;
    Py_buffer out, lengths;
    if (!PyArg_ParseTuple(args, "O!nO!Ow*w*", &PyList_Type, &items, &field, &PyDict_Type, &known,
                          &missing, &out, &lengths))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    if (!check_size(&out, n, sizeof(uint64_t), "out")
        || !check_size(&lengths, n, sizeof(int64_t), "lengths"))
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i >= PyList_GET_SIZE(items)) {  /* missing() may run any Python, even on items */
            PyErr_SetString(PyExc_RuntimeError, "items changed size");
            goto done;
        }
        PyObject *item = PyList_GET_ITEM(items, i);
        Py_INCREF(item);
        int failed = code_of_item(item, i, field, known, missing, (uint64_t *)out.buf + i,
                                  (int64_t *)lengths.buf + i);
        Py_DECREF(item);
        if (failed)
            goto done;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&out);
    PyBuffer_Release(&lengths);
    return result;
}

/* The best labels of one clause, characters [first, last): emissions are the clause's rows of
 * `emit` (labels floats a character); transitions has a row per label and a last row for the
 * start. back is scratch of (last - first) * labels. */
static void viterbi(const float *emit, Py_ssize_t first, Py_ssize_t last, int labels,
                    const float *transitions, int8_t *back, uint8_t *best) {
    float score[MAX_LABELS], next[MAX_LABELS];
    const float *start = transitions + (Py_ssize_t)labels * labels;
    for (int to = 0; to < labels; to++)
        score[to] = start[to] + emit[first * labels + to];
    for (Py_ssize_t i = first + 1; i < last; i++) {
        int8_t *from_of = back + (i - first) * labels;
        for (int to = 0; to < labels; to++) {
            int from_best = 0;
            float top = score[0] + transitions[to];
            for (int from = 1; from < labels; from++) {
                float candidate = score[from] + transitions[from * labels + to];
                if (candidate > top) {
                    top = candidate;
                    from_best = from;
                }
            }
            from_of[to] = (int8_t)from_best;
            next[to] = top + emit[i * labels + to];
        }
        for (int to = 0; to < labels; to++)
            score[to] = next[to];
    }
    int label = 0;
    for (int to = 1; to < labels; to++)
        if (score[to] > score[label])
            label = to;
    for (Py_ssize_t i = last - 1; i >= first; i--) {
        best[i] = (uint8_t)label;
        label = back[(i - first) * labels + label];
    }
}

/* decode(ids, rows, weights, transitions, clauses, out): ids are the buckets from `buckets`
 * (n rows of T uint32), rows[bucket] the row of weights (float32, a row of `labels` each; row
 * 0 all zeros) that bucket has, transitions (labels + 1 rows of labels, the last for the start;
 * forbidden moves already very negative), clauses (int64 start, end pairs). Writes each
 * character's best label into out (n uint8; characters outside every clause get 0). */
static PyObject *decode(PyObject *self, PyObject *args) {
    Py_buffer ids, rows, weights, transitions, clauses, out;
    int labels;
    if (!PyArg_ParseTuple(args, "y*y*y*iy*y*w*", &ids, &rows, &weights, &labels, &transitions,
                          &clauses, &out))
        return NULL;
    PyObject *result = NULL;
    float *emit = NULL;
    int8_t *back = NULL;
    int rows_fit = 1;
    Py_ssize_t n = out.len, row_count = labels > 0 ? weights.len / (labels * 4) : 0;
    Py_ssize_t count = n ? ids.len / (n * (Py_ssize_t)sizeof(uint32_t)) : 0;  /* templates */
    Py_ssize_t bucket_count = rows.len / (Py_ssize_t)sizeof(uint32_t);
    Py_ssize_t clause_count = clauses.len / (2 * (Py_ssize_t)sizeof(int64_t));
    const uint32_t *id = ids.buf, *row = rows.buf;
    const float *weight = weights.buf;
    const int64_t *clause = clauses.buf;
    if (labels < 1 || labels > MAX_LABELS) {
        PyErr_SetString(PyExc_ValueError, "labels: between 1 and 64");
        goto done;
    }
    if (!check_size(&ids, count * n, sizeof(uint32_t), "ids")
        || !check_size(&weights, row_count * labels, sizeof(float), "weights")
        || !check_size(&transitions, (Py_ssize_t)(labels + 1) * labels, sizeof(float),
                       "transitions"))
        goto done;
    for (Py_ssize_t c = 0; c < clause_count; c++)
        if (clause[2 * c] < 0 || clause[2 * c] > clause[2 * c + 1] || clause[2 * c + 1] > n) {
            PyErr_SetString(PyExc_ValueError, "clauses: a clause outside the text");
            goto done;
        }
    for (Py_ssize_t k = 0; k < count * n; k++)
        if (id[k] >= bucket_count) {
            PyErr_SetString(PyExc_ValueError, "ids: a bucket past the end of rows");
            goto done;
        }
    emit = malloc((n ? n * labels : 1) * sizeof(float));
    back = malloc(n ? n * labels : 1);
    if (!emit || !back) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    /* Single-precision sums in the order of the templates. */
    for (Py_ssize_t i = 0; i < n && rows_fit; i++) {
        float sum[MAX_LABELS];
        for (int l = 0; l < labels; l++)
            sum[l] = 0;
        /* The rows and weights are read at random from 11 MB: ask for those of the characters
         * a little ahead, so that their loads overlap this one's sums (a third faster). */
        if (i + ROWS_AHEAD < n)
            for (Py_ssize_t t = 0; t < count; t++)
                PREFETCH(&row[id[(i + ROWS_AHEAD) * count + t]]);
        if (i + WEIGHTS_AHEAD < n)
            for (Py_ssize_t t = 0; t < count; t++) {
                uint32_t ahead = row[id[(i + WEIGHTS_AHEAD) * count + t]];
                if (ahead < row_count)
                    PREFETCH(&weight[(Py_ssize_t)ahead * labels]);
            }
        for (Py_ssize_t t = 0; t < count; t++) {
            uint32_t r = row[id[i * count + t]];
            if (r >= row_count) {
                rows_fit = 0;
                break;
            }
            for (int l = 0; l < labels; l++)
                sum[l] += weight[(Py_ssize_t)r * labels + l];
        }
        memcpy(emit + i * labels, sum, labels * sizeof(float));
    }
    memset(out.buf, 0, n);
    for (Py_ssize_t c = 0; c < clause_count && rows_fit; c++)
        if (clause[2 * c] < clause[2 * c + 1])
            viterbi(emit, clause[2 * c], clause[2 * c + 1], labels, transitions.buf, back, out.buf);
    Py_END_ALLOW_THREADS
    if (!rows_fit) {
        PyErr_SetString(PyExc_ValueError, "rows: a bucket's row past the end of weights");
        goto done;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    free(emit);
    free(back);
    PyBuffer_Release(&ids);
    PyBuffer_Release(&rows);
    PyBuffer_Release(&weights);
    PyBuffer_Release(&transitions);
    PyBuffer_Release(&clauses);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"buckets", buckets, METH_VARARGS, "Hash feature keys into buckets, template by template."},
    {"decode", decode, METH_VARARGS, "Each character's best label, clause by clause."},
    {"codes", codes, METH_VARARGS, "The codes of the strings at one place of each tuple."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_chain", NULL, -1, methods};

PyMODINIT_FUNC PyInit__chain(void) { return PyModule_Create(&module); }
