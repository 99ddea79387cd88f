"""Root query fields of the CRM: public, for the signed-in customer, and for staff."""
