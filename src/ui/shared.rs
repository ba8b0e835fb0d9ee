//! A shared value for component props, compared by address.

use std::ops::Deref;
use std::rc::Rc;

/// An [`Rc`] whose `PartialEq` compares addresses ([`Rc::ptr_eq`]), not values.
///
/// Yew compares a component's old and new props to decide whether to render it again. An
/// [`Analysis`](crate::analysis::Analysis) is `PartialEq` but not `Eq` (it holds floats), so an
/// `Rc<Analysis>` compares by value, and that walked all of a long analysis on every render of
/// every panel. An analysis is never changed once made: each new one is a new `Rc`, and the same
/// analysis passed again is the same `Rc`. Comparing addresses is therefore exact, and props
/// that hold a `Shared` can `#[derive(PartialEq)]`.
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T: ?Sized> Shared<T> {
    /// The address of the shared value, as a key that changes with it (like [`Rc::as_ptr`]).
    pub fn as_ptr(this: &Self) -> *const T {
        Rc::as_ptr(&this.0)
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> Eq for Shared<T> {}

impl<T: ?Sized + std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_by_address_not_by_value() {
        let a = Shared::new(vec![1.0_f64]);
        assert!(a == a.clone(), "the same value passed again");
        assert!(a != Shared::new(vec![1.0]), "an equal value made anew");
        let nan = Shared::new(f64::NAN);
        assert!(nan == nan.clone(), "by address even where the value is not equal to itself");
        let rc = Rc::new(2);
        assert!(Shared::from(rc.clone()) == Shared::from(rc));
        assert_eq!(*a, [1.0]);
    }
}
