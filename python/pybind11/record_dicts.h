// Records (common/record_fields.h) as Python dicts, ready for pandas.DataFrame: values as pybind11
// casts them (int, float, str, bool, lists), absent ones as None, a nested record as a dict. The
// numbers the files leave out (Field::FilesOnlyIf) stay numbers here.
//
// Every function here needs the GIL.
#ifndef PARLEY_PYBIND11_RECORD_DICTS_H_
#define PARLEY_PYBIND11_RECORD_DICTS_H_

#include <optional>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "common/record_fields.h"
#include "conversions.h"
#include "io/negotiation_fields.h"

namespace parley::python {

// Writes a record's Python fields into `dict`, in the order VisitFields lists them.
class DictWriter {
 public:
  explicit DictWriter(py::dict& dict) : dict_(dict) {}

  template <typename T>
  void operator()(const internal::Field& field, const T& value) {
    if (field.in(internal::kPython)) dict_[field.name()] = Value(value);
  }

  template <typename T>
  static py::object Value(const T& value) {
    if constexpr (internal::HasFields<const T>) {
      return internal::WriteFields<DictWriter>(value, py::dict());
    } else {
      return py::cast(value);
    }
  }
  template <typename T>
  static py::object Value(const std::optional<T>& value) {
    return value ? Value(*value) : py::none();
  }
  template <typename Text>
  static py::object Value(const internal::OrNone<Text>& value) {
    return value.text.empty() ? py::object(py::none()) : py::cast(value.text);
  }
  // The values alone: the record lists the names as a field of their own.
  template <typename Strings>
  static py::object Value(const internal::NamedValues<Strings>& value) {
    return py::cast(value.values);
  }
  // The negotiation's values (io/negotiation_fields.h): who by index, offers as tuples, numbers
  // per party as lists.
  static py::object Value(const internal::Actor& actor) { return py::cast(actor.index); }
  static py::object Value(const internal::Offer& offer) {
    return offer.outcome ? py::object(OutcomeToPython(*offer.space, *offer.outcome)) : py::none();
  }
  static py::object Value(const internal::Offers& offers) {
    if (!offers.outcomes) return py::none();
    py::list list;
    for (const Outcome& outcome : *offers.outcomes) list.append(OutcomeToPython(*offers.space, outcome));
    return list;
  }
  static py::object Value(const internal::PartyValues& values) {
    if (!values.values) return py::none();
    py::list list;
    for (std::size_t p = 0; p < values.count; ++p) list.append(values.values[p]);
    return list;
  }

 private:
  py::dict& dict_;
};

// A record as a dict.
template <typename Record>
py::dict ToDict(const Record& record) {
  return py::dict(DictWriter::Value(record));
}

}  // namespace parley::python

#endif  // PARLEY_PYBIND11_RECORD_DICTS_H_
