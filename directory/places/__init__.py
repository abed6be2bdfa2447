"""Places: postcode centroids (the ONS Postcode Directory or Code-Point Open, imported offline), finding where a
postcode or postcode district is, and distances between points. What "near a postcode" means everywhere on the site:
the directory, the schools finder and the Open Referral API ask this package, never restate it."""
