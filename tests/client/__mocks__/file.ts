/** An imported picture (a map marker's icon) is its path once built; in jsdom, its name is enough. */
export default 'image.png';
