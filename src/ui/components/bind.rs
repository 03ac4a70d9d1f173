//! What an input reads and writes: a signal of its own, or one field of a form's model held
//! in one signal (`bind!(form.more.email)`), so one `TextField` or `EnumSelect` serves both and
//! no copy of a value is kept in step by hand.

use leptos::prelude::*;

/// A value an input shows (`get`) and changes (`set`).
pub struct Bind<T: Send + Sync + 'static> {
    pub get: Signal<T>,
    pub set: SignalSetter<T>,
}

impl<T: Send + Sync + 'static> Clone for Bind<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Bind<T> {}

impl<T: Clone + Send + Sync + 'static> From<RwSignal<T>> for Bind<T> {
    fn from(signal: RwSignal<T>) -> Self {
        Bind { get: signal.into(), set: signal.into() }
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Bind<T> {
    /// One field of `model`, picked by `read` and `write` (plain functions, so a form of many
    /// fields costs one copy of this code per field type, not per field). The field's own
    /// memo keeps an input from re-rendering when another field changes.
    pub fn field<M: Send + Sync + 'static>(model: RwSignal<M>, read: fn(&M) -> &T, write: fn(&mut M) -> &mut T) -> Bind<T> {
        let get = Memo::new(move |_| model.with(|m| read(m).clone()));
        Bind { get: get.into(), set: SignalSetter::map(move |v| model.update(|m| *write(m) = v)) }
    }
}

/// `bind!(form.a.b)`: the `Bind` of field `a.b` of the model in signal `form`.
#[macro_export]
macro_rules! bind {
    ($model:ident $(. $field:ident)+) => {
        $crate::ui::components::bind::Bind::field($model, |m| &m $(. $field)+, |m| &mut m $(. $field)+)
    };
}
