//! Errors of the use cases, each with a stable code the UI translates.

use thiserror::Error;

use crate::domain::registration::FieldError;
use crate::store::StoreError;

/// Why a registration was not saved. Nothing is stored in either case.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegisterError {
    #[error("the form has invalid fields")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}
