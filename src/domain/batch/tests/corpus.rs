//! Generator of the hostile-file corpus.
