/* The inner loop of the line tagger's boosted trees (forest.py): each line's score for each
 * tag, the sum of the leaves its features reach, tree by tree. Each short line of a page walks
 * six hundred trees; in Python that would cost more than the rest of the parse. */
#include "../_buffers.h"
#include <stdint.h>
#include <stdlib.h>

#define LANES 8  /* lines that walk the trees side by side: the bits of a byte */

/* A node's children: an internal node's index, or ~leaf for a leaf. */
static int valid_child(int32_t child, Py_ssize_t nodes, Py_ssize_t leaves) {
    return child >= 0 ? child < nodes : ~child < leaves;
}

/* scores(line_starts, features, nodes, leaves, roots, tags, feature_count, out):
 * the features of line i are features[line_starts[i]:line_starts[i + 1]] (int32, each below
 * feature_count); nodes holds a row (feature, absent child, present child) of int32 for each
 * internal node; tree t (root roots[t]) adds its leaf to tag t % tags of out (n rows of tags
 * float64), which starts at zero. */
static PyObject *scores(PyObject *self, PyObject *args) {
    Py_buffer starts, features, nodes, leaves, roots, out;
    Py_ssize_t tags, feature_count;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*nnw*", &starts, &features, &nodes, &leaves, &roots,
                          &tags, &feature_count, &out))
        return NULL;
    PyObject *result = NULL;
    uint8_t *lanes_with = NULL;
    Py_ssize_t n = starts.len / (Py_ssize_t)sizeof(int64_t) - 1;
    Py_ssize_t listed = features.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t node_count = nodes.len / (3 * (Py_ssize_t)sizeof(int32_t));
    Py_ssize_t leaf_count = leaves.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t tree_count = roots.len / (Py_ssize_t)sizeof(int32_t);
    const int64_t *start = starts.buf;
    const int32_t *feature = features.buf, *node = nodes.buf, *root = roots.buf;
    const double *leaf = leaves.buf;
    double *score = out.buf;
    if (n < 0 || tags < 1 || feature_count < 0) {
        PyErr_SetString(PyExc_ValueError, "line_starts, tags or feature_count out of range");
        goto done;
    }
    if (!check_size(&out, n * tags, sizeof(double), "out")
        || !check_size(&nodes, node_count * 3, sizeof(int32_t), "nodes"))
        goto done;
    for (Py_ssize_t i = 0; i < n; i++)
        if (start[i] < 0 || start[i] > start[i + 1] || start[i + 1] > listed) {
            PyErr_SetString(PyExc_ValueError, "line_starts: not a partition of features");
            goto done;
        }
    for (Py_ssize_t j = 0; j < listed; j++)
        if (feature[j] < 0 || feature[j] >= feature_count) {
            PyErr_Format(PyExc_ValueError, "features: no feature %d", feature[j]);
            goto done;
        }
    for (Py_ssize_t k = 0; k < node_count; k++)
        if (node[3 * k] < 0 || node[3 * k] >= feature_count
            || !valid_child(node[3 * k + 1], node_count, leaf_count)
            || !valid_child(node[3 * k + 2], node_count, leaf_count)) {
            PyErr_Format(PyExc_ValueError, "nodes: node %zd is out of range", k);
            goto done;
        }
    for (Py_ssize_t t = 0; t < tree_count; t++)
        if (!valid_child(root[t], node_count, leaf_count)) {
            PyErr_Format(PyExc_ValueError, "roots: tree %zd is out of range", t);
            goto done;
        }
    /* For each feature, a bit for each line of the block that has it: a few kilobytes that
     * stay in the nearest cache while the block walks all the trees. */
    lanes_with = calloc(feature_count ? feature_count : 1, sizeof(*lanes_with));
    if (!lanes_with) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t first = 0; first < n; first += LANES) {
        int lanes = n - first < LANES ? (int)(n - first) : LANES;
        for (int k = 0; k < lanes; k++)
            for (int64_t j = start[first + k]; j < start[first + k + 1]; j++)
                lanes_with[feature[j]] |= (uint8_t)(1u << k);
        for (Py_ssize_t t = 0; t < tree_count; t++) {
            /* The lines of a block walk each tree side by side: their steps do not wait on one
             * another, so the processor overlaps them. Child indices were checked above; a
             * path ends at a leaf unless the nodes make a cycle, which `steps` cuts off. */
            int32_t at[LANES];
            for (int k = 0; k < lanes; k++)
                at[k] = root[t];
            for (Py_ssize_t steps = 0; steps < node_count; steps++) {
                int walking = 0;
                for (int k = 0; k < lanes; k++)
                    if (at[k] >= 0) {
                        const int32_t *split = node + 3 * (Py_ssize_t)at[k];
                        at[k] = split[1 + ((lanes_with[split[0]] >> k) & 1)];
                        walking |= at[k] >= 0;
                    }
                if (!walking)
                    break;
            }
            for (int k = 0; k < lanes; k++)
                if (at[k] < 0)
                    score[(first + k) * tags + t % tags] += leaf[~at[k]];
        }
        for (Py_ssize_t j = start[first]; j < start[first + lanes]; j++)
            lanes_with[feature[j]] = 0;
    }
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    free(lanes_with);
    PyBuffer_Release(&starts);
    PyBuffer_Release(&features);
    PyBuffer_Release(&nodes);
    PyBuffer_Release(&leaves);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"scores", scores, METH_VARARGS, "Each line's summed leaves for each tag, tree by tree."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_forest", NULL, -1, methods};

PyMODINIT_FUNC PyInit__forest(void) { return PyModule_Create(&module); }
