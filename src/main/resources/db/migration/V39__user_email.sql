-- Where a user gets the mail Dunning sends to staff (the managers' daily digest); none by default.
ALTER TABLE users ADD email VARCHAR(254);
