// Parley's errors as Python exceptions, keeping their messages: parley.InputError for unreadable
// or malformed input, parley.UsageError (also a ValueError) for requests the engine cannot honour,
// both subclasses of parley.Error.
#include "bindings.h"
#include "parley/error.h"

namespace parley::python {
namespace {

// The exception classes live as long as the process: deliberately never released, so that no
// reference is dropped after the interpreter has shut down.
PyObject* error_class = nullptr;
PyObject* input_error_class = nullptr;
PyObject* usage_error_class = nullptr;

PyObject* NewException(const char* name, PyObject* bases) {
  PyObject* type = PyErr_NewException(name, bases, nullptr);
  if (!type) throw py::error_already_set();
  return type;
}

}  // namespace

void BindErrors(py::module_& m) {
  error_class = NewException("parley.Error", PyExc_Exception);
  input_error_class = NewException("parley.InputError", error_class);
  // A UsageError is a bad argument: catching ValueError catches it too.
  py::tuple usage_bases = py::make_tuple(py::handle(error_class), py::handle(PyExc_ValueError));
  usage_error_class = NewException("parley.UsageError", usage_bases.ptr());
  m.attr("Error") = py::handle(error_class);
  m.attr("InputError") = py::handle(input_error_class);
  m.attr("UsageError") = py::handle(usage_error_class);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      PyErr_SetString(input_error_class, e.what());
    } catch (const UsageError& e) {
      PyErr_SetString(usage_error_class, e.what());
    } catch (const Error& e) {
      PyErr_SetString(error_class, e.what());
    }
  });
}

}  // namespace parley::python
